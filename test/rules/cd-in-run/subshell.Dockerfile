FROM debian:12-slim AS build
RUN git clone --depth 1 https://github.com/iovisor/bcc.git /usr/src/bcc \
	&& ( \
# ok: cd-in-run
		cd /usr/src/bcc \
		&& mkdir build \
# ok: cd-in-run
		&& cd build \
		&& make install \
	) \
# expect: cd-in-run
	&& cd / \
	&& rm -rf /usr/src/bcc
# Nested subshells: after the inner one closes, the outer one still scopes the cd.
# ok: cd-in-run
RUN ( (cd /a && make) && cd /b && make )
# expect: cd-in-run
RUN ( (cd /a && make) ) && cd /c
# expect: cd-in-run
RUN if (cd /src && make check); then cd /src; fi
# Inside a function body or { } group the cd is not scoped.
# expect: cd-in-run
RUN build() { cd /src; make; }; build
# ok: cd-in-run
RUN { (cd /src && make) ; }
# A cd inside $(...) or a string is not a command of the RUN.
# ok: cd-in-run
RUN echo "$(cd /src && pwd)" '(cd /x)'

FROM debian:12-slim
# A subshell over several lines of a heredoc script.
RUN <<EOF
set -e
(
# ok: cd-in-run
  cd /usr/src/app
  make
)
# expect: cd-in-run
cd /usr/src
EOF
RUN bash <<EOF
# expect: cd-in-run
cd /opt && ls
EOF
# ok: cd-in-run
RUN ["sh", "-c", "(cd /opt && ls)"]
