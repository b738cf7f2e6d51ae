FROM golang:1.23 AS build
FROM alpine:3.20
# expect: copy-whole-stage
COPY --from=build / /
# ok: copy-whole-stage
COPY --from=build /go/bin/app /app
