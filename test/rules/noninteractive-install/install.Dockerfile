FROM debian:12-slim
# expect: noninteractive-install
RUN apt-get update && apt-get install --no-install-recommends curl
# ok: noninteractive-install
RUN apt-get install -y curl
# ok: noninteractive-install
RUN apt-get install -qq curl
# ok: noninteractive-install
RUN apt-get -q -q install curl
# ok: noninteractive-install
RUN apt-get install --yes curl && apt-get install --assume-yes git
# ok: noninteractive-install
RUN DEBIAN_FRONTEND=noninteractive apt-get -yq install curl
# Multi-line with a continuation: the -y goes right after install.
RUN apt-get update \
    # expect: noninteractive-install
    && apt-get install \
        curl git \
    && rm -rf /var/lib/apt/lists/*
FROM centos:7
# expect: noninteractive-install
RUN yum install httpd
# ok: noninteractive-install
RUN yum -y install httpd
FROM fedora:41
# expect: noninteractive-install
RUN dnf in nginx
FROM opensuse/leap:15.6
# expect: noninteractive-install
RUN zypper install nginx
# ok: noninteractive-install
RUN zypper -n install nginx && zypper --non-interactive in git
