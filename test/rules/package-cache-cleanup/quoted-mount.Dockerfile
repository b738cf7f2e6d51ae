# BuildKit drops the quotes in flag words: a quoted cache-mount target is the same mount.
FROM debian:12-slim
# ok: package-cache-cleanup
RUN --mount=type=cache,target="/var/lib/apt/lists" apt-get update && apt-get install -y --no-install-recommends curl
USER 1000
