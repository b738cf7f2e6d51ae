# The OCI source label says which GitHub owner builds this image: ghcr.io/<owner> is that project's.
ARG BASE_TAG=2.3
# ok: untrusted-image
FROM ghcr.io/acme-app/base:${BASE_TAG} AS base
LABEL org.opencontainers.image.source="https://github.com/acme-app/server"
# expect: untrusted-image
COPY --from=ghcr.io/acme-tools/cli:1.0 /usr/local/bin/cli /usr/local/bin/cli
# ok: untrusted-image
COPY --from=ghcr.io/acme-app/assets:2.3 /assets /srv/assets
