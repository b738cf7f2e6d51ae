FROM debian:12-slim
# expect: pipefail
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local
# expect: pipefail
RUN wget -qO- https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/example.gpg
# ok: pipefail
RUN set -o pipefail && curl -fsSL https://example.com/a.tgz | tar -xz
# ok: pipefail
RUN set -euo pipefail; curl -fsSL https://example.com/b.tgz | tar -xz
# ok: pipefail
RUN echo "a | b" > /tmp/x
# Exec form has no shell, so no pipe.
# ok: pipefail
RUN ["/bin/bash", "-c", "echo ok"]
FROM debian:12-slim AS with-shell
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# ok: pipefail
RUN curl -fsSL https://example.com/c.tgz | tar -xz
FROM with-shell
# The SHELL is inherited through FROM <stage>.
# ok: pipefail
RUN curl -fsSL https://example.com/d.tgz | tar -xz
