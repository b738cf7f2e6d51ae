FROM debian:12-slim
RUN apt-get update \
    # expect: noninteractive-install
    && apt-get install curl
