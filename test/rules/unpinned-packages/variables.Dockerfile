FROM debian:12-slim
ARG CURL_VERSION=8.5.0-2
# A variable may carry the version: not guessed at.
# ok: unpinned-packages
RUN apt-get install -y --no-install-recommends curl=${CURL_VERSION} "libssl3$SSL_SUFFIX"
