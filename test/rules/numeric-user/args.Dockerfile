FROM node:22-slim AS base
ARG APP_USER=app
# expect: numeric-user
user ${APP_USER}
FROM base
# Inherited through FROM <stage>: the final image runs as that user.
RUN echo built
