FROM nginx:1.27 AS base
ARG BAD_PORT=70000
ARG GOOD_PORTS="80 443"
# ARG and ENV values are expanded first.
# expect: invalid-port
EXPOSE $BAD_PORT
# ok: invalid-port
EXPOSE ${GOOD_PORTS}
# A host mapping is not what EXPOSE does (BuildKit ExposeInvalidFormat).
# expect: invalid-port
expose 8080:80
# expect: invalid-port
EXPOSE 127.0.0.1:80:80/tcp
# ok: invalid-port
EXPOSE 53/UDP 132/sctp 0
FROM base
ENV ADMIN_PORT=99999
EXPOSE 80 \
    # expect: invalid-port
    ${ADMIN_PORT}
