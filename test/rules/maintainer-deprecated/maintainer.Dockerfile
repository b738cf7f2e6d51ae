FROM alpine:3.20
# expect: maintainer-deprecated
MAINTAINER Jane "JD" Doe <jane@example.com>
# ok: maintainer-deprecated
LABEL maintainer="jane@example.com"
