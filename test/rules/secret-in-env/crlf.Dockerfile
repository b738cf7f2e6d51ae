FROM alpine:3.20
# expect: secret-in-env
ENV MYSQL_ROOT_PASSWORD=root
# ok: secret-in-env
ENV MYSQL_DATABASE=app
# expect: secret-in-env
ENV ADMINPASS=letmein
# ok: secret-in-env
ENV NGINX_BYPASS=cache
