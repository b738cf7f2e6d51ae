# The nginx image itself: its CMD is nginx, whose master binds port 80 as root. "USER nginx"
# (the user it creates) would break that; the advice is an unprivileged variant or a high port.
# expect: root-user
FROM debian:bookworm-slim
RUN groupadd --system --gid 101 nginx \
 && useradd --system --gid nginx --no-create-home --home /nonexistent --shell /bin/false --uid 101 nginx \
 && apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
