FROM nginx:1.27
# expect: invalid-port
EXPOSE 80800
# expect: invalid-port
EXPOSE 443/https
# expect: invalid-port
EXPOSE http
# expect: invalid-port
EXPOSE 9000-8000
# ok: invalid-port
EXPOSE 80 443/tcp 53/udp 8000-8010 ${PORT}
