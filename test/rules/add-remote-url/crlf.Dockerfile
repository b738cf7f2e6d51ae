FROM alpine:3.20
# expect: add-remote-url
ADD https://example.com/x /x
