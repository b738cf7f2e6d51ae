FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# Windows containers have no UIDs.
# ok: numeric-user
USER ContainerUser
