FROM debian:12-slim
RUN apt-get update \
# expect: empty-continuation

    && apt-get install -y --no-install-recommends curl \
    # a comment line inside a continuation is fine
    && rm -rf /var/lib/apt/lists/*
# Blank lines inside a heredoc are content.
RUN <<EOF
# ok: empty-continuation

echo hello
EOF
