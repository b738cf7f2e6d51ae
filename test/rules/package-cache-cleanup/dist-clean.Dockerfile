# apt 2.7.8+ `apt-get dist-clean` removes the package lists too (Debian trixie, Ubuntu noble).
FROM node:24-trixie-slim
RUN set -eux; \
	apt-get update; \
# ok: package-cache-cleanup
	apt-get install -y --no-install-recommends ca-certificates curl; \
	apt-get dist-clean
# ok: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends git && apt-get distclean
# `apt-get clean` empties /var/cache/apt/archives but keeps the lists.
# expect: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends make && apt-get clean

# Printing the version installs nothing.
# ok: package-cache-cleanup
RUN corepack enable && yarn --version && yarn -v
# expect: package-cache-cleanup
RUN yarn
