ARG NODE_VERSION=22
# ok: undefined-arg
FROM node:${NODE_VERSION}-slim AS base
# expect: undefined-arg
FROM python:${PY_VERSION}-slim
# ok: undefined-arg
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
ARG LATE=1
# Declared after the first FROM: FROM cannot see it.
# expect: undefined-arg
FROM alpine:${LATE}
