ARG DEST=app/
FROM node:22-slim AS build
ARG DEST
# An ARG value that is relative is flagged; one that is absolute is not.
# expect: relative-copy-no-workdir
COPY package.json ${DEST}
ARG ABS=/srv/
# ok: relative-copy-no-workdir
COPY package.json $ABS
# A variable from the base image is unknown and most likely absolute.
# ok: relative-copy-no-workdir
COPY .bashrc $HOME/
# Heredoc bodies are not the destination.
# expect: relative-copy-no-workdir
COPY <<EOF conf/app.ini
[app]
EOF
# ok: relative-copy-no-workdir
COPY <<EOF /etc/app.ini
[app]
EOF
# expect: relative-copy-no-workdir
copy ["index.js", "lib/"]
COPY a.txt \
    b.txt \
    # expect: relative-copy-no-workdir
    data/
FROM scratch
# expect: relative-copy-no-workdir
COPY --from=build /app/out bin
