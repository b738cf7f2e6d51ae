FROM alpine:3.20
# expect: workdir-relative
WORKDIR app
# ok: workdir-relative
WORKDIR /app
