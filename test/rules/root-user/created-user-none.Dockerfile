# Only defaults are changed and a group added: no user to name, so the default stays.
# expect: root-user
FROM debian:12-slim
RUN useradd -D -s /bin/bash && addgroup --system app && adduser --group web
RUN echo "useradd app" > /tmp/notes
CMD ["bash"]
