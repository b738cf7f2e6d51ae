FROM alpine:3.20
# expect: add-local-file
ADD app.py /app/
# expect: add-local-file
ADD --chown=app:app config.yaml settings.yaml /etc/app/
# ok: add-local-file
ADD rootfs.tar.gz /
# ok: add-local-file
ADD https://example.com/file.txt /tmp/
# ok: add-local-file
ADD git@github.com:acme/repo.git /src
# ADD-only flags: reported, but not rewritten to COPY.
# expect: add-local-file
ADD --keep-git-dir=true vendor /vendor
# expect: add-local-file
add README.md /docs/
ARG JAR_FILE
# A variable source may be an archive: reported without the ADD->COPY rewrite.
# expect: add-local-file
ADD ${JAR_FILE} app.jar
