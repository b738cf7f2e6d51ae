FROM alpine:3.20
# expect: copy-build-context
COPY . /app
