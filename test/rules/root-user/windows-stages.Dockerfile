# The Windows base comes through a global ARG and a FROM chain of stages.
ARG WINDOWS_VERSION=ltsc2022
ARG BASE=mcr.microsoft.com/windows/nanoserver:${WINDOWS_VERSION}
FROM golang:1.23-windowsservercore-ltsc2022 AS build
RUN go build -o C:/out/app.exe ./cmd/app

FROM $BASE AS runtime
RUN setx /M PATH "%PATH%;C:\app"

# ok: root-user
FROM runtime
COPY --from=build C:/out/app.exe C:/app/
CMD ["app.exe"]
