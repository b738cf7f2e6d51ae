FROM debian:12-slim
# expect: use-apt-get, use-apt-get
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# expect: use-apt-get
RUN apt full-upgrade -y
# apt list has no apt-get twin: reported without a fix.
# expect: use-apt-get
RUN apt list --installed
# ok: use-apt-get
RUN apt-get update && apt-cache policy curl
