FROM node:22-slim
WORKDIR /app
# expect: copy-args-slash
COPY package.json package-lock.json /app
# expect: copy-args-slash
COPY ["a b.txt", "c.txt", "/data"]
# expect: copy-args-slash
ADD --chown=node:node one.txt two.txt ./dest
# ok: copy-args-slash
COPY package.json package-lock.json ./
# ok: copy-args-slash
COPY server.js /app/server.js
