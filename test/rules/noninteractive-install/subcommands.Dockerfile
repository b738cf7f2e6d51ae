# Only the sub-commands that end in "Do you want to continue?" can hang a build; apt's
# read-only and fetch-only sub-commands, and simulations, never ask.
FROM debian:12-slim AS probe
ARG PKG=curl
# A simulation probe: prints what would happen and returns before any prompt.
# ok: noninteractive-install
RUN if apt-get install -s "$PKG" > /dev/null 2>&1; then echo "$PKG is installable"; fi
# ok: noninteractive-install
RUN apt-get install --simulate "$PKG" && apt-get --dry-run upgrade
# ok: noninteractive-install
RUN apt-get -qs dist-upgrade; apt-get install --just-print curl | grep ^Inst
# ok: noninteractive-install
RUN apt-get --recon build-dep hello || apt-get --no-act install git
# Fetch-only and read-only sub-commands.
# ok: noninteractive-install
RUN apt-get source --compile hello && apt-get download libc6
# ok: noninteractive-install
RUN apt-get changelog curl > /dev/null && apt-cache policy curl && apt show curl
# ok: noninteractive-install
RUN apt-get update && apt-get check && apt-get clean && apt-get autoclean
# Answered another way: -o APT::Get::Assume-Yes, --assume-no, --trivial-only.
# ok: noninteractive-install
RUN apt-get -o APT::Get::Assume-Yes=true install curl
# ok: noninteractive-install
RUN apt-get install --assume-no curl || apt-get install --trivial-only curl

FROM debian:12-slim
RUN apt-get update \
# A plain -q is not -qq: it still asks.
# expect: noninteractive-install
 && apt-get -q install curl \
# build-dep installs packages, so it prompts.
# expect: noninteractive-install
 && apt-get build-dep hello \
# -s on another command does not make this one a simulation.
# expect: noninteractive-install
 && apt-get install git && apt-get -s install vim
# expect: noninteractive-install
RUN apt satisfy "libc6 (>= 2.36)"
