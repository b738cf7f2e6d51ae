# BuildKit strips one pair of quotes around a FROM word: these are the images and stages they name.
# expect: unpinned-image
FROM "node" AS build
RUN echo build

# ok: unpinned-image
FROM "build" AS test
RUN echo test

# expect: unpinned-image
FROM 'alpine:latest'
COPY --from=test /x /x

# ok: unpinned-image
FROM "debian:12-slim"
USER 10001
