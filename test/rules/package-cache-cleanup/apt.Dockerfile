FROM golang:1.23 AS build
# Build stages never ship: not checked.
# ok: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends make
FROM debian:12-slim
# expect: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
# ok: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
    # expect: package-cache-cleanup
    && apt-get install -y --no-install-recommends \
        git \
        openssh-client
# ok: package-cache-cleanup
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends jq
