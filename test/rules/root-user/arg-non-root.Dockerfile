FROM alpine:3.20
ARG APP_UID=10001
ENV APP_USER=app
RUN adduser -D -u ${APP_UID} ${APP_USER}
# ok: root-user
USER ${APP_USER}:${APP_UID}
CMD ["sh"]
