# A builder whose binary alone is copied out: its apk cache never reaches an image.
FROM golang:1.23-alpine AS build
# ok: apk-no-cache
RUN apk add git make
RUN go build -o /out/app .

# Only read through RUN --mount=from=: a build stage too.
FROM alpine:3.20 AS tools
# ok: apk-no-cache
RUN apk add --update-cache upx

# Built only with --target debug: that build's image carries the cache.
FROM alpine:3.20 AS debug
# expect: apk-no-cache
RUN apk add strace

# Copied in whole, so everything in it ships.
FROM alpine:3.20 AS rootfs
# expect: apk-no-cache
RUN apk add tzdata

FROM alpine:3.20 AS base
# The final stage builds on it.
# expect: apk-no-cache
RUN apk add ca-certificates

FROM base
COPY --from=build /out/app /usr/local/bin/app
COPY --from=rootfs / /
RUN --mount=from=tools,source=/usr/bin/upx,target=/usr/bin/upx upx /usr/local/bin/app
# expect: apk-no-cache
RUN apk add tini
