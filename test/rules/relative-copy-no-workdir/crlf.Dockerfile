FROM alpine:3.20
# expect: relative-copy-no-workdir
COPY app.sh .
WORKDIR /app
# ok: relative-copy-no-workdir
COPY app.sh .
