# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# With the backtick escape, quotes are escaped with a backtick.
# expect: maintainer-deprecated
MAINTAINER Jane "JD" Doe `
    C:\Users\jane
