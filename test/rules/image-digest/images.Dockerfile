# expect: image-digest
FROM node:22-slim AS build
# ok: image-digest
FROM node:22-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
# ok: image-digest
FROM build
