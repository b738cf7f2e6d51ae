FROM node:22-slim
WORKDIR /app
# allowlist.Dockerfile.dockerignore excludes everything but src/ (with CRLF line breaks).
# ok: copy-build-context
COPY . .
