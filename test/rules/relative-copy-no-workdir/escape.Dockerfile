# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# ok: relative-copy-no-workdir
COPY app.exe C:\app\
COPY app.exe `
    # expect: relative-copy-no-workdir
    tools\
