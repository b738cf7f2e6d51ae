FROM alpine:3.20
# expect: insecure-transport
RUN apk add --allow-untrusted /tmp/local.apk
FROM fedora:41
# expect: insecure-transport
RUN dnf install -y --nogpgcheck https://example.com/pkg.rpm
