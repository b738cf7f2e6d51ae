# shipshape-ignore-file curl-and-wget -- both tools are vendor-mandated
# shipshape-ignore unpinned-image -- the builder tracks upstream on purpose
# ok: unpinned-image
FROM golang:latest AS build
# hadolint ignore=DL3008,DL3015
# ok: apt-no-install-recommends
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# The comment covers the whole instruction, continuation lines included.
# shipshape-ignore pipe-to-shell, sudo -- installer is pinned by checksum in CI
RUN wget -q https://example.com/x \
    # ok: pipe-to-shell
    && curl -fsSL https://example.com/install.sh | sh \
    # ok: sudo
    && sudo true
# expect: unused-suppression
# shipshape-ignore privileged -- no such finding in a Dockerfile
RUN echo done
# expect: unused-suppression
# shipshape-ignore not-a-rule
RUN echo done
# Only the unused id is reported (and removed by the fix).
# expect: unused-suppression
# shipshape-ignore cd-in-run, nonsensical-command -- legacy script
RUN cd /src && make
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out /out
