FROM alpine:3.20
# expect: numeric-user
USER nobody
