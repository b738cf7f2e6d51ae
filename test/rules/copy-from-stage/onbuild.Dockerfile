FROM golang:1.25 AS base
# `--from` in a trigger names a stage of the child's Dockerfile, unknown here.
# ok: copy-from-stage
ONBUILD COPY --from=builder /out/app /usr/local/bin/app
