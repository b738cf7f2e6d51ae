# escape=`
# ok: missing-healthcheck
FROM mcr.microsoft.com/windows/servercore:ltsc2022
HEALTHCHECK --interval=30s `
    CMD powershell -Command "exit 0"
