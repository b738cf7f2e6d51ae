# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY `
    # expect: copy-build-context
    . `
    C:\app\
