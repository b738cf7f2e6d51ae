# BuildKit drops the quotes in flag words: --from="build" names the stage build.
FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM alpine:3.20
# ok: copy-from-stage
COPY --from="build" /out/app /app
# ok: copy-from-stage
COPY --from='build' /out/app /app2
# expect: copy-from-stage
COPY --from="biuld" /out/app /app3
USER 1000
