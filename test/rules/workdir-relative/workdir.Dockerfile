FROM alpine:3.20
# expect: workdir-relative
WORKDIR app
# ok: workdir-relative
WORKDIR /srv/app
# ok: workdir-relative
WORKDIR $HOME/app
# expect: workdir-relative
workdir ./build
# ok: workdir-relative
WORKDIR "/quoted/path"
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# ok: workdir-relative
WORKDIR C:\\app
