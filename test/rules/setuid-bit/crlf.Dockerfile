FROM debian:trixie-slim
# expect: setuid-bit
RUN chmod u+s /usr/local/bin/helper
# expect: setuid-bit
RUN chmod 4755 /usr/local/bin/helper
# expect: setuid-bit
RUN apt-get update && apt-get install -y --no-install-recommends iputils-ping && chmod -v 6755 /bin/ping
# expect: setuid-bit
RUN chmod g+s,o-w /usr/local/bin/mail-helper
# expect: setuid-bit
RUN chmod 02755 /usr/local/bin/mail-helper
# expect: setuid-bit
COPY --chmod=4755 helper /usr/local/bin/helper
# expect: setuid-bit
RUN ["chmod", "+s", "/usr/local/bin/helper"]
# Removing the bits is the hardening step CIS 4.8 asks for.
# ok: setuid-bit
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true
# ok: setuid-bit
RUN chmod 0755 /usr/local/bin/helper && chmod u-s /usr/bin/newgrp
# The sticky bit (1777, +t) is not setuid.
# ok: setuid-bit
RUN chmod 1777 /tmp/shared && chmod o+t /srv/drop
# setgid on a directory: new files inherit its group, nothing runs with more rights.
# ok: setuid-bit
RUN mkdir -p /srv/shared && chmod 2775 /srv/shared
# ok: setuid-bit
RUN chmod -R g+s /var/www/
# ok: setuid-bit
COPY --chmod=755 app /usr/local/bin/app
# A word after chmod that is not its mode.
# ok: setuid-bit
RUN echo chmod u+s is not run here
USER 10001
