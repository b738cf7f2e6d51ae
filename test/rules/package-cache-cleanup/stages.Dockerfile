FROM debian:12-slim AS build
# Only its binary is copied out.
# ok: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
RUN make /out/app

FROM debian:12-slim AS rootfs
# Copied into the final image whole: its apt lists ship too.
# expect: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends tzdata

FROM debian:12-slim
COPY --from=build /out/app /usr/local/bin/app
COPY --from=rootfs / /
# expect: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
