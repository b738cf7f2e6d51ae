FROM ubuntu:24.04 AS base
ARG SSH_PORT=22
# From a variable: reported, not rewritten.
# expect: exposed-ssh
EXPOSE ${SSH_PORT}
# expect: exposed-ssh
EXPOSE 22/udp 80
# Port alone on a continuation line: the line goes.
EXPOSE 80 \
    # expect: exposed-ssh
    22 \
    443
# Last on a continuation: the dangling \ goes too.
EXPOSE 8080 \
    # expect: exposed-ssh
    22
# First, with a continuation after it.
# expect: exposed-ssh
EXPOSE 22 \
    9000
# ok: exposed-ssh
EXPOSE 2222 22000 20-21
