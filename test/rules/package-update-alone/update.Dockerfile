FROM debian:12-slim
# expect: package-update-alone
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
# ok: package-update-alone
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
FROM alpine:3.20
# expect: package-update-alone
RUN apk update
# ok: package-update-alone
RUN apk --update add curl
FROM fedora:41
# expect: package-update-alone
RUN dnf makecache
# A system upgrade alone is flagged only when a later RUN installs on top of its metadata.
# expect: package-update-alone
RUN dnf update -y
RUN dnf install -y git
FROM centos:7
# ok: package-update-alone
RUN yum update -y
