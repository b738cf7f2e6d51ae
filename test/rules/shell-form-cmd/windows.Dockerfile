# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# No SHELL: Windows runs shell-form commands with cmd /S /C.
# expect: shell-form-cmd
CMD ping -t localhost
SHELL ["powershell", "-Command"]
# expect: shell-form-cmd
ENTRYPOINT Write-Host `
    "starting"; C:\app\server.exe
# ok: shell-form-cmd
CMD ["C:\\app\\server.exe"]
