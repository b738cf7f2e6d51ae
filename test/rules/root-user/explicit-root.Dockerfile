FROM debian:12-slim
RUN useradd --uid 10001 app
COPY app /usr/local/bin/app
# expect: root-user
USER root
ENTRYPOINT ["/usr/local/bin/app"]
