FROM node:22-bookworm-slim
# expect: secret-in-env
ONBUILD ENV NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789
# ok: secret-in-env
ONBUILD ENV NODE_ENV=production
