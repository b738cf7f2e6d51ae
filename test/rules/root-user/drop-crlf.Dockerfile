# expect: root-user
FROM alpine:3.21
RUN apk add --no-cache su-exec \
 && adduser -S app
EXPOSE 8080
ENTRYPOINT ["su-exec", "app", "/usr/local/bin/app"]
