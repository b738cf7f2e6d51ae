# expect: unpinned-image
FROM ubuntu
# expect: unpinned-image
FROM python:latest AS py
# ok: unpinned-image
FROM node:22.11-bookworm-slim AS build
# ok: unpinned-image
FROM nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
# ok: unpinned-image
FROM nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
# Stage names and scratch are not images to pin.
# ok: unpinned-image
FROM build AS test
# ok: unpinned-image
FROM scratch
# expect: unpinned-image
COPY --from=busybox /bin/busybox /busybox
# ok: unpinned-image
COPY --from=build /app /app
# ok: unpinned-image
COPY --from=0 /x /x
# expect: unpinned-image
COPY --from=docker.io/library/alpine:latest /etc/os-release /os-release
