FROM alpine:3.20
# expect: secret-file-copied
COPY .netrc /root/
