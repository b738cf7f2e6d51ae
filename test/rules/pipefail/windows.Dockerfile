# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
# No SHELL: Windows runs RUN with cmd /S /C, which has no pipefail to set.
# ok: pipefail
RUN dir C:\ | findstr Windows

# A stage built FROM a Windows stage runs cmd too.
FROM base
# ok: pipefail
RUN type C:\app\config.txt | findstr port

# A Linux stage in the same file runs /bin/sh.
FROM alpine:3.20
# expect: pipefail
RUN wget -qO- https://example.com/x.tgz | tar -xz
