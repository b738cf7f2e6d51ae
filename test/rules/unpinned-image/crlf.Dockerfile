# expect: unpinned-image
FROM --platform=$BUILDPLATFORM golang AS build
# ok: unpinned-image
from golang:1.23
