FROM ubuntu:24.04

# Fetch and unpack the tool.
# expect: pipefail
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local
# ok: pipefail
RUN echo done
