# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
EXPOSE 80 `
    # expect: exposed-ssh
    22
