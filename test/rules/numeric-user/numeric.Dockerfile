FROM node:22-slim
ARG APP_UID=10001
# ok: numeric-user
USER ${APP_UID}:${APP_UID}
