ARG SRC_STAGE=build
FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM alpine:3.20 AS runtime
ARG SRC_STAGE
# An ARG naming a stage is expanded first.
# ok: copy-from-stage
COPY --from=${SRC_STAGE} /out/app /app
ARG TYPO=biuld
# expect: copy-from-stage
COPY --from=$TYPO /out/app /app
# Stage names compare case-insensitively.
# ok: copy-from-stage
copy --from=BUILD /out/app /app
# An unknown variable is left alone.
# ok: copy-from-stage
COPY --from=$UNKNOWN /x /x
# expect: copy-from-stage
COPY --from=7 /x /x
COPY --link \
    # expect: copy-from-stage
    --from=runtime /etc/hostname /tmp/
# ok: copy-from-stage
COPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/
