ARG PY_VERSION=3.13
ARG BASE=debian
ARG TAG
ARG REGISTRY=registry.example.com:5000
# ok: unpinned-image
FROM python:${PY_VERSION}-slim AS py
# expect: unpinned-image
FROM ${BASE}
# The default applies when the build arg is not given.
# ok: unpinned-image
FROM alpine:${TAG:-3.20}
# A tag that stays unknown is not guessed at.
# ok: unpinned-image
FROM alpine:${TAG}
# expect: unpinned-image
FROM ${REGISTRY}/team/app
# A registry port is not a tag.
# ok: unpinned-image
FROM ${REGISTRY}/team/app:1.4.2
