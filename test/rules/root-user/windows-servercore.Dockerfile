# Windows containers have no root: they run as ContainerAdministrator or ContainerUser, and a
# UNIX USER 10001:10001 is not a valid user there.
# escape=` is only a directive on the first line; here it is a comment.
# ok: root-user
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN New-Item -ItemType Directory -Path C:\app
COPY app.exe C:/app/
CMD ["C:\\app\\app.exe"]
