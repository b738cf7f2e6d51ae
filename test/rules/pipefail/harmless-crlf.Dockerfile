FROM alpine:3.21
# ok: pipefail
RUN echo "$SHA  f" \
    | sha256sum -c -
# expect: pipefail
RUN wget -qO- https://example.com/k \
    | tar -x
