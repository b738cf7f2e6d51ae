FROM node:22-slim
WORKDIR /app
# expect: copy-build-context
ADD ./ /app/
