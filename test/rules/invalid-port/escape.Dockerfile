# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
EXPOSE 80 `
    # expect: invalid-port
    443/https
# ok: invalid-port
EXPOSE 8080/tcp
