FROM debian:12-slim
# expect: world-writable
RUN chmod -R 777 /app
# expect: world-writable
RUN chmod 0666 /etc/app.conf && echo done
# expect: world-writable
RUN chmod o+w /var/log/app
# expect: world-writable
RUN chmod a+rwx /srv/data
# expect: world-writable
RUN chmod +w /opt/script.sh
# Sticky shared directories such as /tmp are the standard.
# ok: world-writable
RUN mkdir -p /shared && chmod 1777 /shared
# ok: world-writable
RUN chmod 755 /app && chmod u+x /app/run.sh && chmod 644 /etc/app.conf
# expect: world-writable
COPY --chmod=777 entrypoint.sh /usr/local/bin/
# ok: world-writable
COPY --chmod=755 run.sh /usr/local/bin/
