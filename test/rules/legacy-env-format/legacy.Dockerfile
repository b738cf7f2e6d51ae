FROM alpine:3.20
# expect: legacy-env-format
ENV APP_HOME /app
# expect: legacy-env-format
ENV GREETING hello world
# expect: legacy-env-format
LABEL version 1.0
# ok: legacy-env-format
ENV PATH=/app/bin:$PATH MODE=prod
# ok: legacy-env-format
LABEL org.opencontainers.image.source="https://example.com/repo"
