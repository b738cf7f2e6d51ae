# syntax=docker/dockerfile:1-labs
FROM alpine:3.20
# expect: insecure-build
RUN --security=insecure mount -t tmpfs none /mnt
# expect: insecure-build
RUN --mount=type=cache,target=/root/.cache --network=host pip install --no-cache-dir -r requirements.txt
# ok: insecure-build
RUN --network=none make test
# ok: insecure-build
RUN --security=sandbox make
