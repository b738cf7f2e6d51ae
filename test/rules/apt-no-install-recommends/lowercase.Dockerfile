from ubuntu:24.04
run apt-get update \
 # expect: apt-no-install-recommends
 && apt-get install -y \
    curl
