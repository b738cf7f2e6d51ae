FROM alpine:3.20 AS build
# Continuation lines are joined; $ is escaped because LABEL expands variables and MAINTAINER did not.
# expect: maintainer-deprecated
MAINTAINER Jane Doe \
    <jane@example.com> costs $5
FROM build
# expect: maintainer-deprecated
  maintainer "Ops Team" <ops@example.com>
# ok: maintainer-deprecated
LABEL org.opencontainers.image.authors="ops@example.com"
