# escape=`
ARG WINVER=ltsc2022
# ok: undefined-arg
FROM mcr.microsoft.com/windows/nanoserver:${WINVER}
# expect: undefined-arg
FROM mcr.microsoft.com/windows/servercore:${WINVR}
