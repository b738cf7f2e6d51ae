ARG BASE=python:3.13-slim
# expect: image-digest
FROM node:22-slim AS build
# ok: image-digest
FROM node:22-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
# ok: image-digest
FROM build
# expect: image-digest
FROM ${BASE} AS py
# ok: image-digest
FROM scratch
# ok: image-digest
FROM ${UNKNOWN_BASE}
# ok: image-digest
FROM alpine
# expect: image-digest
COPY --from=ghcr.io/acme/tools:1.4 /bin/tool /usr/local/bin/tool
# ok: image-digest
COPY --from=build /app /app
