# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# ok: env-self-reference
ENV ROOT=C:\app BIN=`$ROOT\bin
ENV ROOT2=C:\tools `
    # expect: env-self-reference
    BIN2=$ROOT2\bin
