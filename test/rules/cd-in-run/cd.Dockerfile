FROM node:22-slim
# expect: cd-in-run
RUN cd /app && npm ci
# expect: cd-in-run
RUN mkdir -p /src && cd ../src && make
# A subshell scopes the cd on purpose.
# ok: cd-in-run
RUN (cd /opt/tool && ./configure)
# ok: cd-in-run
RUN make -C /opt/tool && echo "cd is fine in a string"
# ok: cd-in-run
WORKDIR /app
