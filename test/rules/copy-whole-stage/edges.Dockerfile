FROM debian:12 AS build
RUN make install DESTDIR=/out
FROM scratch AS rootfs
COPY --from=build /out /
FROM rootfs AS rootfs2
FROM gcr.io/distroless/base-debian12
# expect: copy-whole-stage
copy --from=BUILD /* /
# A stage built FROM scratch is a curated filesystem, made to be copied whole.
# ok: copy-whole-stage
COPY --from=rootfs / /
# ok: copy-whole-stage
COPY --from=rootfs2 / /
COPY --from=0 \
    # expect: copy-whole-stage
    / \
    /mnt/
# ok: copy-whole-stage
COPY --from=build /out/bin/ /usr/local/bin/
