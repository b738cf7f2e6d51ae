# escape=`
# ok: root-user
FROM mcr.microsoft.com/windows:ltsc2019
RUN mkdir C:\data `
    && echo done
CMD ["cmd"]
