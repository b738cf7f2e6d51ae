FROM node:22-slim
WORKDIR /app
# good.Dockerfile.dockerignore excludes .git and .env.
# ok: copy-build-context
COPY . .
