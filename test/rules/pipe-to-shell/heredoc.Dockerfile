# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOF
set -e
apk add --no-cache curl
# expect: pipe-to-shell
curl -fsSL https://get.example.com | sh
EOF
# A heredoc fed to a program as data is not a script.
RUN python3 <<EOF
# ok: pipe-to-shell
print("curl https://x | sh")
EOF
