ARG BASE=alpine:3.20
FROM ${BASE} as builder
# Stage names compare case-insensitively.
# expect: duplicate-stage-name
from debian:12 AS BUILDER
# ok: duplicate-stage-name
FROM \
    alpine:3.20 \
    AS runtime
FROM alpine:3.20 AS runtime-2
# ok: duplicate-stage-name
FROM alpine:3.20
