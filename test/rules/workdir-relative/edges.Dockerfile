ARG APP_DIR=srv/app
FROM node:22-slim AS build
ARG APP_DIR
# An ARG default that is relative is still relative.
# expect: workdir-relative
WORKDIR ${APP_DIR}
ARG ABS=/opt/app
# ok: workdir-relative
WORKDIR $ABS
# After an absolute WORKDIR the result is predictable: reported at info with the resolved path.
# expect: workdir-relative
WORKDIR src
FROM build AS test
# The absolute WORKDIR of the stage it builds on counts.
# expect: workdir-relative
workdir tests
FROM alpine:3.20
WORKDIR \
    # expect: workdir-relative
    app
# ok: workdir-relative
WORKDIR '/quoted'
# ok: workdir-relative
WORKDIR /
