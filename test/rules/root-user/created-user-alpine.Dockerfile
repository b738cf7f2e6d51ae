# expect: root-user
FROM alpine:3.20
RUN apk add --no-cache tini \
    && adduser -D -u 1000 -g "App user" -h /srv/app app
COPY app /srv/app/app
ENTRYPOINT ["/sbin/tini", "--", "/srv/app/app"]
