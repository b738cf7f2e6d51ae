from alpine:3.20
run apk add --no-cache tini
# expect: root-user
user root
entrypoint ["/sbin/tini", "--"]
