# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# ok: copy-from-stage
COPY --from=build C:\out\app.exe C:\app\
COPY `
    # expect: copy-from-stage
    --from=buidl C:\out\app.exe C:\app\
