# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# expect: add-local-file
ADD app.exe `
    C:\app\
# ok: add-local-file
ADD tools.tar C:\tools\
