ARG BASE=alpine:3.21
# expect: root-user
FROM ${BASE}
RUN addgroup -S app && adduser -S -G app app && apk add --no-cache setpriv
COPY app /usr/local/bin/app
EXPOSE 8080
ENTRYPOINT ["setpriv", "--reuid=app", "--regid=app", "--init-groups", "/usr/local/bin/app"]
