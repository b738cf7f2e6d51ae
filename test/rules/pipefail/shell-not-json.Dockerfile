FROM debian:12-slim AS build
# Docker refuses a SHELL not in JSON form (syntax-error), so the RUN below would run under
# /bin/sh -c: as shell-form-cmd already judged, the SHELL changes nothing.
SHELL /bin/bash -o pipefail -c
# expect: pipefail
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local

FROM build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# ok: pipefail
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt
