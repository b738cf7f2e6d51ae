# Official images install a generated dependency list through xargs, in the RUN that updates.
FROM debian:12-slim
# ok: package-update-alone
RUN set -eux; \
	apt-get update; \
	xargs -rt apt-get install -y --no-install-recommends < /usr/local/share/deps.txt; \
	rm -rf /var/lib/apt/lists/*
# xargs that runs something else leaves the update alone.
# expect: package-update-alone
RUN apt-get update && xargs -n 1 echo < /dev/null
RUN apt-get install -y curl
USER 10001
