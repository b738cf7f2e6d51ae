FROM node:22-slim
# expect: numeric-user
USER node
# ok: numeric-user
USER 1000:1000
ARG APP_UID=10001
# ok: numeric-user
USER ${APP_UID}
# expect: numeric-user
USER app:app
