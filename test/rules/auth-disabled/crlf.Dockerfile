FROM postgres:17
# expect: auth-disabled
ENV POSTGRES_HOST_AUTH_METHOD=trust
# ok: auth-disabled
ENV POSTGRES_HOST_AUTH_METHOD_NOTE="trust is for tests only"

FROM redis:8 AS cache
# expect: auth-disabled
CMD ["redis-server", "--protected-mode", "no"]

FROM redis:8 AS cache-with-password
# ok: auth-disabled
CMD redis-server --protected-mode no --requirepass "$REDIS_PASSWORD"

FROM grafana/grafana:12.1.0
# expect: auth-disabled
ENV GF_AUTH_ANONYMOUS_ENABLED=true \
    GF_AUTH_ANONYMOUS_ORG_ROLE=Editor
