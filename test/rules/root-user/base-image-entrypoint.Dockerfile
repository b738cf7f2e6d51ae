# A runtime base image whose entrypoint only wraps its REPL (node's docker-entrypoint.sh).
# expect: root-user
FROM buildpack-deps:bookworm
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD [ "node" ]
