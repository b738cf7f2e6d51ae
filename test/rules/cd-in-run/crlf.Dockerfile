FROM alpine:3.20
RUN apk add --no-cache make && ( \
# ok: cd-in-run
    cd /src && make ) \
# expect: cd-in-run
    && cd /
