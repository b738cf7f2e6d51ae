FROM debian:12-slim
RUN apt-get update \
    # comment lines inside a continuation belong to the RUN above
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# The SHELL goes above the comment block that describes the RUN, not between them.
# Add the yarn apt repository.
# expect: pipefail
RUN curl -sS https://dl.yarnpkg.com/debian/pubkey.gpg | apt-key add -
# echo cannot fail in a way pipefail would catch; tee's own failure is seen.
# ok: pipefail
RUN echo "deb https://dl.yarnpkg.com/debian/ stable main" | tee /etc/apt/sources.list.d/yarn.list

FROM node:22 AS build
# A comment right under FROM.
# expect: pipefail
RUN npm ls --all | grep -c deduped

FROM python:3.13 AS no-comment
RUN pip --version
# expect: pipefail
RUN pip freeze | sort
