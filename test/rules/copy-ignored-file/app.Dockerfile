ARG CONFIG_DIR=config/local
FROM node:22-bookworm-slim
ARG CONFIG_DIR
WORKDIR /app
# expect: copy-ignored-file
COPY production.env /app/
# A later exception brings it back.
# ok: copy-ignored-file
COPY defaults.env /app/
# expect: copy-ignored-file
COPY ./node_modules/ /app/node_modules/
# Inside an excluded folder.
# expect: copy-ignored-file
COPY config/local/settings.yaml /app/config/
# ARG-expanded source.
# expect: copy-ignored-file
COPY ${CONFIG_DIR} /app/config/
# expect: copy-ignored-file
ADD src/app.test.js /app/
# A folder that only has some files excluded is still sent.
# ok: copy-ignored-file
COPY src/ /app/src/
# `/secrets` is anchored at the context root; a nested secrets folder is not excluded.
# ok: copy-ignored-file
COPY lib/secrets/index.js /app/lib/secrets/
# expect: copy-ignored-file
COPY ["secrets/ca.pem", "/etc/ssl/app/"]
# docs is excluded but docs/api.md is re-included.
# ok: copy-ignored-file
COPY docs/api.md /app/docs/
# Wildcards, other stages, URLs and heredocs are not checked.
# ok: copy-ignored-file
COPY *.env /app/
# ok: copy-ignored-file
COPY --from=node:22 /usr/local/bin/node /usr/local/bin/
# ok: copy-ignored-file
ADD https://example.com/app.env /app/
# ok: copy-ignored-file
COPY <<EOF /app/extra.env
A=1
EOF
# ok: copy-ignored-file
COPY package.json package-lock.json /app/
USER node
