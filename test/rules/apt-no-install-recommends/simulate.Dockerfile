FROM debian:12-slim
ARG PKG=curl
# A simulation installs nothing, so it pulls in nothing either.
# ok: apt-no-install-recommends
RUN if apt-get install -s "$PKG" > /dev/null 2>&1; then echo "$PKG is installable"; fi
# ok: apt-no-install-recommends
RUN apt-get install -y --dry-run git | grep ^Inst
# The real install after the probe still counts.
# expect: apt-no-install-recommends
RUN apt-get install -qs git && apt-get install -y git
