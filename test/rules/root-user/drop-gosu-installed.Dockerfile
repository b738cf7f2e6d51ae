# Starts as root and steps down with gosu in its entrypoint (the docker-library pattern):
# reported at info, saying what was seen, with no "add USER" fix (it would break the entrypoint).
# expect: root-user
FROM debian:12-slim
RUN groupadd -r app && useradd -r -g app app
ENV GOSU_VERSION=1.17
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	rm -rf /var/lib/apt/lists/*; \
	dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; \
	wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \
	chmod +x /usr/local/bin/gosu; \
	gosu --version; \
	gosu nobody true
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["app-server"]
