FROM alpine:3.20
RUN d="$(mktemp -d)" \
# ok: world-writable
 && chmod 777 "$d" \
 && rm -rf "$d"
# expect: world-writable
RUN chmod 777 /srv \
 && rm -rf /srv2
