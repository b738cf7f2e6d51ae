FROM node:22-slim AS deps
# A build stage that does not reach the final image: a warning (layers of that stage and the cache).
# expect: secret-file-copied
COPY .npmrc ./
RUN npm ci
FROM node:22-slim AS base
ARG KEY_FILE=deploy/id_ed25519_deploy
# expect: secret-file-copied
COPY ${KEY_FILE} /root/.ssh/
# expect: secret-file-copied, secret-file-copied
copy tls/server-key.pem tls/ca-key.pem /etc/tls/
# Certificates, CA bundles and repository signing keys are public.
# ok: secret-file-copied
COPY tls/fullchain.pem tls/ca.pem /etc/tls/
# ok: secret-file-copied
COPY nodesource-repo.gpg.key /usr/share/keyrings/
# A download is public by definition.
# ok: secret-file-copied
ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /certs/
COPY --chown=node \
    # expect: secret-file-copied
    .env.local \
    /app/
# ok: secret-file-copied
COPY <<EOF /app/.env
NODE_ENV=production
EOF
FROM base
# expect: secret-file-copied
COPY ["kube/prod.kubeconfig", "/root/.kube/config"]
# expect: secret-file-copied
COPY docker/config.json .docker/config.json /root/.docker/
