# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# ok: copy-args-slash
COPY a.exe b.exe C:\app\
# expect: copy-args-slash
COPY a.exe b.exe C:\tools
