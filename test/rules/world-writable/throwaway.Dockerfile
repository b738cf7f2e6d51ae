# A mode on a path that the same RUN removes, or on a mktemp result, never reaches the image:
# a layer stores the state at the end of the RUN.
FROM debian:12-slim
RUN set -eux; \
	tempDir="$(mktemp -d)"; \
# ok: world-writable
	chmod 777 "$tempDir"; \
	savedAptMark="$(apt-mark showmanual)"; \
	( cd "$tempDir" && apt-get source --compile hello ); \
	rm -rf "$tempDir"
# A directory made for one step and removed at its end.
RUN mkdir -p /tmp/build \
# ok: world-writable
 && chmod -R a+w /tmp/build/src \
 && make -C /tmp/build/src \
 && rm -rf /tmp/build/*
# ok: world-writable
RUN export WORK=$(mktemp -d) && chmod 0777 ${WORK}/ && echo "$WORK"
# ok: world-writable
RUN chmod o+w "$(mktemp)"
# Symbolic sticky shared directory: ugo+rwx,o+t is mode 1777.
# ok: world-writable
RUN mkdir -p /run/app && chmod ugo+rwx,o+t /run/app

FROM debian:12-slim AS final
ARG DATA=/var/lib/app
# Removed before, not after: the mode is on what ships.
# expect: world-writable
RUN rm -rf "$DATA" && mkdir -p "$DATA" && chmod 777 "$DATA"
# Only one of the targets is thrown away.
# expect: world-writable
RUN tmp="$(mktemp -d)" && chmod -R 777 "$tmp" /srv/data && rm -rf "$tmp"
# A sibling with a common prefix is not removed.
# expect: world-writable
RUN chmod 777 /opt/app-data && rm -rf /opt/app
# mktemp in another RUN: the variable is not set here.
# expect: world-writable
RUN chmod 777 "$tempDir"
