# apt reads /etc/apt/apt.conf.d on every run: once a RUN sets APT::Get::Assume-Yes there, later
# installs in the stage (and stages built FROM it) answer yes by themselves.
FROM ubuntu:24.04 AS base
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes
# ok: noninteractive-install
RUN apt-get update && apt-get install --no-install-recommends curl

FROM base AS tools
# ok: noninteractive-install
RUN apt-get install --no-install-recommends git

FROM ubuntu:24.04
# A fresh stage has no such file.
# expect: noninteractive-install
RUN apt-get update && apt-get install --no-install-recommends make
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes

# Through a stage with no RUN of its own, from the stage that wrote the setting.
FROM base AS empty
FROM empty
# ok: noninteractive-install
RUN apt-get install --no-install-recommends jq
