# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# With the backtick escape, spaces are escaped with a backtick.
# expect: legacy-env-format
ENV TOOLS "C:\Program Files" more
# expect: legacy-env-format
env APP_HOME C:\app
