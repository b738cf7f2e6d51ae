# hadolint global ignore=DL3007,DL3002
# ok: unpinned-image
FROM ubuntu:latest
# ok: root-user
USER root
