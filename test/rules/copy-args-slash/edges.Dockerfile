ARG DEST=/srv/app/
FROM node:22-slim
ARG DEST
WORKDIR /app
# ok: copy-args-slash
COPY a.js b.js ${DEST}
# With BuildKit "." is a directory: reported at info, fixed to "./".
# expect: copy-args-slash
COPY package.json package-lock.json .
copy a.js \
    b.js \
    # expect: copy-args-slash
    "lib"
# expect: copy-args-slash
COPY --chown=node <<EOF1 <<EOF2 /app/conf
one
EOF1
two
EOF2
# ok: copy-args-slash
COPY <<EOF /app/single.conf
only
EOF
