FROM alpine:3.22
# An ONBUILD trigger runs in every image built FROM this one, as if written there.
# expect: pipe-to-shell
ONBUILD RUN wget -qO- https://example.com/setup.sh | sh
# ok: pipe-to-shell
ONBUILD RUN wget -qO /tmp/setup.sh https://example.com/setup.sh && sha256sum -c /tmp/setup.sh.sha256
USER 10001
