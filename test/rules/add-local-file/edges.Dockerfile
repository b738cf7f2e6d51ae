FROM alpine:3.20 AS base
ARG ARCHIVE=rootfs.tar.xz
ARG PLAIN=config.yaml
# An ARG default that is an archive: ADD is right.
# ok: add-local-file
ADD ${ARCHIVE} /
# An ARG default that is not: reported, without the rewrite (a --build-arg could still pass an archive).
# expect: add-local-file
ADD $PLAIN /etc/app/
# ok: add-local-file
ADD vendor/*.tar.gz /opt/
# expect: add-local-file
ADD ["app one.py", "/app/"]
# expect: add-local-file
ADD --chmod=755 \
    entrypoint.sh \
    /usr/local/bin/
# Heredoc content is written as a file, never extracted or fetched.
# ok: add-local-file
ADD <<EOF /etc/motd
hello
EOF
FROM base
# expect: add-local-file
ADD --link app.jar /app/
