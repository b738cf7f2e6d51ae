FROM alpine:3.21
RUN set -eux; \
	apk add --no-cache --virtual .build-deps gcc libc-dev make; \
	make -C /usr/src/app; \
	runDeps="$(scanelf --needed --nobanner --format '%n#p' --recursive /usr/local | tr ',' '\n' | sort -u)"; \
# --no-network installs what is already on disk: no index is fetched, none is left.
# ok: apk-no-cache
	apk add --no-network --virtual .app-rundeps $runDeps; \
	apk del --no-network .build-deps
# The same RUN removes the index it fetched.
# ok: apk-no-cache
RUN apk update && apk add tzdata && rm -rf /var/cache/apk/*
# Removed in another RUN: it is still in this layer.
# expect: apk-no-cache
RUN apk add tzdata
RUN rm -rf /var/cache/apk/*
