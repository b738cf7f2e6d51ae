FROM node:22-slim AS build
# Build stages do not decide who the image runs as.
# ok: numeric-user
USER node
FROM node:22-slim
# Only the last USER of the final stage matters.
# ok: numeric-user
USER node
# expect: numeric-user
USER app:app
