# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ADD `
    # expect: add-remote-url
    https://example.com/tool.zip `
    C:\tools\
