FROM debian:12-slim
RUN groupadd -r app && useradd -r -u 1001 -g app app
COPY app /usr/local/bin/app
# The fix names the user the image creates, not the configured default UID.
# expect: root-user
USER root
ENTRYPOINT ["/usr/local/bin/app"]
