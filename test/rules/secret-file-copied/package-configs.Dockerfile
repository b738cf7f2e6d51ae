# Package-manager configs are read from the build context (the context/ folder beside this file).
FROM node:22-slim
WORKDIR /app
# Registry settings and a ${NPM_TOKEN} reference: nothing secret is baked in.
# ok: secret-file-copied
COPY context/settings/.npmrc ./.npmrc
# ok: secret-file-copied
COPY context/yarn/.yarnrc.yml ./
# A literal token is.
# expect: secret-file-copied
COPY context/token/.npmrc /root/.npmrc
# Not in the context (Shipshape cannot read it): reported by name, as before.
# expect: secret-file-copied
COPY .yarnrc.yml ./
USER node
