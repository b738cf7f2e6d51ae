# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY certs/ca.pem `
    # expect: secret-file-copied
    certs/server.pfx `
    C:\certs\
