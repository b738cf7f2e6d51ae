# An explicit USER root to run an entrypoint that steps down with su-exec.
FROM node:22-alpine AS base
USER node
WORKDIR /home/node/app
COPY --chown=node . .

FROM base
# expect: root-user
USER root
RUN apk add --no-cache 'su-exec>=0.2' tini
ENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]
