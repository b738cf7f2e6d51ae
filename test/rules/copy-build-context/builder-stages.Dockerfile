# A build stage's copy of the context reaches no image unless a later stage takes the folder it
# went to (or one above it) with COPY --from. No .dockerignore beside this file.
FROM golang:1.24-alpine AS build
WORKDIR /src
# ok: copy-build-context
COPY . .
RUN go build -o /out/app ./cmd/app

FROM golang:1.24-alpine AS gopath
# GOPATH comes from the base image: only /src/example.com/app is known.
# ok: copy-build-context
COPY . ${GOPATH}/src/example.com/app
WORKDIR ${GOPATH}/src/example.com/app
RUN go build -o app .

FROM node:22-slim AS assets
WORKDIR /web
# This one is shipped: the final stage copies the whole /web folder.
# expect: copy-build-context
COPY ./ ./
RUN npm ci && npm run build

FROM node:22-slim AS docs
# expect: copy-build-context
COPY . /docs/src
RUN npx mkdocs build

FROM node:22-slim AS tools
WORKDIR /tools
# expect: copy-build-context
COPY . .

FROM alpine:3.21
COPY --from=build /out/app /usr/local/bin/app
COPY --from=gopath /go/src/example.com/app/app /usr/local/bin/app2
COPY --from=assets /web /srv/web
# A parent folder of the copy's destination ships it too.
COPY --from=docs /docs /srv/docs
# `.` of a stage is its whole filesystem.
COPY --from=tools . /opt/tools
# ok: copy-build-context
COPY --from=build /out /opt/out
