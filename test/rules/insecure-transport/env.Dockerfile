FROM node:22-slim
# expect: insecure-transport
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# ok: insecure-transport
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
# expect: insecure-transport
ARG GIT_SSL_NO_VERIFY=true
# expect: insecure-transport
RUN PYTHONHTTPSVERIFY=0 python3 fetch.py
# expect: insecure-transport
RUN export GIT_SSL_NO_VERIFY=1 && git clone https://git.internal/r.git
