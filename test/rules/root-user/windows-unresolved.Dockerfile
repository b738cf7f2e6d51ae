# The version stays unresolved, the image is still Windows Server Core.
# ok: root-user
FROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}
CMD ["cmd", "/S", "/C", "echo", "hello"]
