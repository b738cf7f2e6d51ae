FROM debian:12-slim
# Building from source in a directory the same RUN removes: WORKDIR there would leave the image in
# a deleted directory, and `cd /` only goes back.
# ok: cd-in-run
RUN set -eux; \
	mkdir -p /usr/src/ruby; \
	cd /usr/src/ruby; \
	./configure; make install; \
	cd /; \
	rm -rf /usr/src/ruby
# A variable path, removed through ${...} with a trailing slash; a directory below a removed one.
# ok: cd-in-run
RUN SRC="/usr/local/src/otp"; \
	cd "$SRC/erts" && make && cd - && rm -rf "${SRC}/"
# Temporary directories.
# ok: cd-in-run
RUN mkdir -p /tmp/build && cd /tmp/build && make && cd /tmp && rm -rf /tmp/build
# ok: cd-in-run
RUN dir="$(mktemp -d)"; cd "$dir"; make; cd -
# ok: cd-in-run
RUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/x.tgz
# The directory stays: WORKDIR is the better spelling.
# expect: cd-in-run
RUN cd /usr/src/app && make install
# Removing something inside the directory is not removing the directory.
# expect: cd-in-run
RUN cd /opt/app && make && rm -rf /opt/app/build
# `cd /` as the only cd chooses a directory.
# expect: cd-in-run
RUN cd / && tar -xzf /rootfs.tgz
# Removing / (or nothing) is not removing the directory.
# expect: cd-in-run
RUN cd /srv && rm -rf /
