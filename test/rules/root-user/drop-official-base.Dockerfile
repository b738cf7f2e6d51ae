# The official postgres image's entrypoint starts as root and steps down to postgres.
ARG PG_MAJOR=17
# expect: root-user
FROM postgres:${PG_MAJOR}-bookworm
COPY initdb/ /docker-entrypoint-initdb.d/
