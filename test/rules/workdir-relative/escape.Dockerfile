# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# ok: workdir-relative
WORKDIR C:\app
# ok: workdir-relative
WORKDIR c:/tools
# expect: workdir-relative
WORKDIR logs
