FROM node:22-slim
# expect: secret-file-copied
COPY .npmrc /root/.npmrc
# expect: secret-file-copied
COPY id_rsa /root/.ssh/id_rsa
# expect: secret-file-copied
ADD certs/server.key /etc/ssl/private/
# expect: secret-file-copied
COPY .env.production /app/.env
# expect: secret-file-copied
COPY ["config/.aws/credentials", "/root/.aws/credentials"]
# ok: secret-file-copied
COPY id_rsa.pub /root/.ssh/authorized_keys
# ok: secret-file-copied
COPY .env.example /app/.env.example
# ok: secret-file-copied
COPY server.crt /etc/ssl/certs/
