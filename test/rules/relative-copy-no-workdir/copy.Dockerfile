FROM node:22-slim AS build
# expect: relative-copy-no-workdir
COPY package.json .
# ok: relative-copy-no-workdir
COPY tsconfig.json /src/
WORKDIR /app
# ok: relative-copy-no-workdir
COPY . .
FROM build AS test
# WORKDIR is inherited through FROM <stage>.
# ok: relative-copy-no-workdir
COPY test ./test
FROM nginx:1.27
# expect: relative-copy-no-workdir
ADD site.tar.gz html/
