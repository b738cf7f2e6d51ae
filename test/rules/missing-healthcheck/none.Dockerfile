# ok: missing-healthcheck
FROM alpine:3.20
HEALTHCHECK NONE
