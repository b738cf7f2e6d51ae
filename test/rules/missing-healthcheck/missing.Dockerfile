FROM node:22-slim AS build
HEALTHCHECK CMD true
# The final stage is what runs; a healthcheck in a build stage does not count.
# expect: missing-healthcheck
FROM nginx:1.27
COPY site /usr/share/nginx/html
