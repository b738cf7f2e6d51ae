FROM alpine:3.20
# No bash in alpine: reported without the SHELL fix.
# expect: pipefail
RUN wget -qO- https://example.com/x.tgz | tar -xz
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
# ok: pipefail
RUN Get-ChildItem | Select-Object Name
