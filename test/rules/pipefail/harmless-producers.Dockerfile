# A pipe fed by echo/printf/cat of a heredoc cannot hide a failure: the last command's status,
# which the RUN already sees, is the one that matters.
FROM debian:12-slim
ARG TOOL_SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
# ok: pipefail
RUN curl -fsSLo tool.tgz https://example.com/tool.tgz \
 && echo "$TOOL_SHA256 *tool.tgz" | sha256sum -c - \
 && tar -xzf tool.tgz -C /usr/local
# ok: pipefail
RUN printf '%s  %s\n' "$TOOL_SHA256" tool.tgz | sha256sum --strict --check
# ok: pipefail
RUN echo "$TOOL_SHA256" | tr 'a-f' 'A-F' | cut -c1-16 | grep -q 0123
# ok: pipefail
RUN cat <<CHECKSUMS | sha256sum -c -
$TOOL_SHA256  tool.tgz
CHECKSUMS
# ok: pipefail
RUN yes | unminimize
# The `|` between case patterns is not a pipe.
# ok: pipefail
RUN set -eux; \
	arch="$(dpkg --print-architecture)"; \
	case "$arch" in \
		amd64 | arm64) url="https://example.com/$arch.tgz" ;; \
		ppc64el | s390x | riscv64) url="https://example.com/other.tgz" ;; \
		*) echo >&2 "unsupported: $arch"; exit 1 ;; \
	esac; \
	curl -fsSLo tool.tgz "$url"
# Whatever feeds a checksum check, the check fails on empty or wrong input.
# ok: pipefail
RUN curl -fsSLO https://example.com/tool.tgz \
 && curl -fsSL https://example.com/SHA256SUMS | grep " tool.tgz\$" | sha256sum -c -
# A negated pipeline asserts something about its output; pipefail would let a failing ldd pass it.
# ok: pipefail
RUN set -eux; ! { ldd /usr/local/lib/*.so | grep 'not found'; }

FROM debian:12-slim AS other
# A download, a file read or a command between them still can.
# expect: pipefail
RUN echo ok | sha256sum -c - && curl -fsSL https://example.com/x.tgz | tar -xz
# expect: pipefail
RUN cat /etc/os-release | grep -q bookworm
# The last command's failure is seen without pipefail.
# ok: pipefail
RUN echo "$PKGS" | xargs apt-get install -y
# expect: pipefail
RUN (dpkg -l | grep -q curl) || exit 1
# A checksum tool that does not check (it only prints sums) is an ordinary last command.
# expect: pipefail
RUN find /opt -type f -print0 | xargs -0 sha256sum > /opt/SUMS && curl -fsSL https://example.com/x | sha256sum
