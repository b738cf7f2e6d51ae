FROM alpine:3.20
RUN apk add --no-cache curl \
    # expect: pipe-to-shell
    && curl -fsSL https://get.example.com \
    | sh
