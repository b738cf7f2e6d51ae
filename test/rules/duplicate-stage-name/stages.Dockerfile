FROM node:22 AS build
RUN npm ci
# expect: duplicate-stage-name
FROM golang:1.23 AS Build
RUN go build ./...
# ok: duplicate-stage-name
FROM alpine:3.20 AS runtime
