FROM alpine:3.20
# expect: apk-no-cache
RUN apk add curl
# expect: apk-no-cache
RUN apk update && apk add --update-cache git
# ok: apk-no-cache
RUN apk add --no-cache curl
# ok: apk-no-cache
RUN --mount=type=cache,target=/var/cache/apk apk add git
# expect: apk-no-cache
RUN apk --update add \
    bash
