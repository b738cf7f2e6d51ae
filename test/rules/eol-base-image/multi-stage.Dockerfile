ARG PYTHON_VERSION=3.7
ARG BASE=python:${PYTHON_VERSION}-slim
ARG UNKNOWN

# ARG-expanded: python:3.7-slim.
# expect: eol-base-image
FROM ${BASE} AS build
RUN pip wheel --wheel-dir /wheels .

# A stage nothing uses and that is not the final stage: a plain build never runs it.
# ok: eol-base-image
FROM node:12 AS old-tooling
RUN npm ci

# Mounted from by a RUN: it runs.
# expect: eol-base-image
FROM golang:1.19 AS tools
RUN go install example.com/tool@v1.2.3

# Unresolved: not guessed at.
# ok: eol-base-image
FROM python:${UNKNOWN} AS maybe

# expect: eol-base-image
FROM ubuntu:focal AS runtime
RUN --mount=from=tools,source=/go/bin,target=/tools /tools/tool
COPY --from=build /wheels /wheels

# Builds on runtime: its image is a stage, not a pulled image.
# ok: eol-base-image
FROM runtime
CMD ["app"]
