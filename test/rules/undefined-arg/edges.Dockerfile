ARG BASE_IMAGE=python
ARG VARIANT
# ok: undefined-arg
FROM ${BASE_IMAGE}:3.13${VARIANT} AS base
# A misspelt built-in platform arg gets a suggestion.
# expect: undefined-arg
FROM --platform=$BUILDPLATFROM golang:1.23 AS build
# With a default, --build-arg cannot change it: still flagged, as BuildKit does.
# expect: undefined-arg
from alpine:${ALPINE:-3.20}
# expect: undefined-arg, undefined-arg
FROM ${REGISTRY}/${IMAGE}:1.0
FROM \
    # expect: undefined-arg
    node:${NODE}
# ok: undefined-arg
FROM base
