FROM alpine:3.20
# expect: secret-in-env
ENV MYSQL_ROOT_PASSWORD=root
# ok: secret-in-env
ENV MYSQL_DATABASE=app
