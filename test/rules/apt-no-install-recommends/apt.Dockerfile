FROM ubuntu:24.04
# expect: apt-no-install-recommends
RUN apt-get update && apt-get install -y curl
# ok: apt-no-install-recommends
RUN apt-get install -y --no-install-recommends curl
# ok: apt-no-install-recommends
RUN apt-get install -y -o APT::Install-Recommends=false curl
# expect: apt-no-install-recommends
RUN sudo apt-get -y install git
# ok: apt-no-install-recommends
RUN apt-get remove -y curl
