FROM nginx:1.27 AS base
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1
# Inherited through FROM <stage>.
# ok: missing-healthcheck
FROM base
COPY site /usr/share/nginx/html
