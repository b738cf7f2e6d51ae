FROM node:22-slim
WORKDIR /app
# expect: copy-build-context
COPY . .
# ok: copy-build-context
COPY src ./src
