FROM debian:12-slim AS build
# Build stages never ship: not checked, heredoc or not.
RUN <<EOF
set -e
apt-get update
# ok: package-cache-cleanup
apt-get install -y --no-install-recommends build-essential
EOF

FROM debian:12-slim
# The message asks for the cleanup as the heredoc's last line (no "&&" chain to extend).
RUN <<EOF
set -eux
apt-get update
# expect: package-cache-cleanup
apt-get install -y --no-install-recommends curl
EOF
RUN <<EOF
apt-get update
# ok: package-cache-cleanup
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
# A heredoc fed to cat is data: the install is on the RUN's first line.
# expect: package-cache-cleanup
RUN apt-get update && apt-get install -y --no-install-recommends jq && cat <<EOF > /etc/motd
hello
EOF
