# `apt upgrade` may install new dependencies; `apt-get upgrade` alone would hold them back.
FROM debian:12-slim
# expect: use-apt-get, use-apt-get
RUN apt update && apt upgrade -y
