FROM alpine:3.20 AS base
ARG TINI_URL=https://github.com/krallin/tini/releases/download/v0.19.0/tini
# expect: add-remote-url
ADD ${TINI_URL} /tini
# An unknown variable is left alone.
# ok: add-remote-url
ADD $DOWNLOAD /tmp/
# A Git URL at a branch or tag follows it; a full commit id pins it.
# expect: add-remote-url
ADD https://github.com/moby/buildkit.git#v0.16.0 /src
# ok: add-remote-url
ADD https://github.com/moby/buildkit.git#8d1e9d5dbfe0d7b7f3a9a9f0d55b4b6b1b1b3e0c /src
ADD --chown=app \
    # expect: add-remote-url
    http://example.com/archive.tar.gz \
    /opt/
FROM base
# ok: add-remote-url
add --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /opt/
# expect: add-remote-url
add https://example.com/b.tar.gz /opt/
