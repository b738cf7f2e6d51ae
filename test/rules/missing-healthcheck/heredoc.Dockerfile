# expect: missing-healthcheck
FROM python:3.13-slim
RUN <<EOF
echo "HEALTHCHECK is only text inside a heredoc"
EOF
