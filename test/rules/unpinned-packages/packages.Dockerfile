FROM debian:12-slim
# expect: unpinned-packages, unpinned-packages
RUN apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1 jq
# ok: unpinned-packages
RUN apt-get install -y -o Dpkg::Options::=--force-confnew ./local.deb
FROM alpine:3.20
# expect: unpinned-packages
RUN apk add --no-cache bash=5.2.26-r0 tini
FROM python:3.13-slim
# expect: unpinned-packages
RUN pip install --no-cache-dir flask==3.0.3 requests
# ok: unpinned-packages
RUN pip install --no-cache-dir -r requirements.txt
# ok: unpinned-packages
RUN pip install --no-cache-dir --upgrade pip setuptools
FROM node:22-slim
# expect: unpinned-packages
RUN npm install -g typescript @types/node@22
# ok: unpinned-packages
RUN npm ci && npm install
FROM ruby:3.3
# expect: unpinned-packages
RUN gem install rails
# ok: unpinned-packages
RUN gem install bundler:2.5.6 && gem install rake -v 13.2.1
FROM golang:1.23
# expect: unpinned-packages
RUN go install golang.org/x/tools/gopls@latest
# ok: unpinned-packages
RUN go install golang.org/x/tools/gopls@v0.16.2
FROM fedora:41
# expect: unpinned-packages
RUN dnf install -y nginx git-2.47.0
