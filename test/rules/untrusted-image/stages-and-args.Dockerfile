ARG BASE=quay.io/acme/base:1
ARG UNKNOWN
# expect: untrusted-image
FROM ${BASE} AS base
# ok: untrusted-image
FROM base AS build
# A reference that stays unresolved is not guessed at.
# ok: untrusted-image
FROM ${UNKNOWN}
# ok: untrusted-image
FROM node:22-slim
# ok: untrusted-image
COPY --from=build /app /app
# A well-known publisher (Bitnami) vouches for its images while no trust policy is configured.
# ok: untrusted-image
COPY --from=bitnami/kubectl:1.31 /opt/bitnami/kubectl/bin/kubectl /usr/local/bin/
# expect: untrusted-image
COPY --from=someone/kubectl:1.31 /usr/local/bin/kubectl /usr/local/bin/
