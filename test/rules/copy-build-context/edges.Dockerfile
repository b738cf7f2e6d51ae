FROM node:22-slim AS build
WORKDIR /app
# edges.Dockerfile.dockerignore excludes .git as ./.git/ but keeps .env through a negation.
# expect: copy-build-context
COPY ["./", "/app/"]
# --from copies from a stage, not from the build context.
# ok: copy-build-context
COPY --from=build . /srv/
COPY --chown=node \
    # expect: copy-build-context
    . \
    /app/
# ok: copy-build-context
COPY <<EOF /app/.npmrc
registry=https://registry.npmjs.org/
EOF
# expect: copy-build-context
add * /app/
