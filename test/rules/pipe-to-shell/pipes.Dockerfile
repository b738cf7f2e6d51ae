FROM debian:12-slim
# expect: pipe-to-shell
RUN curl -fsSL https://example.com/install.sh | sh
# expect: pipe-to-shell
RUN wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes
# Across a line continuation, with a comment line Docker drops.
RUN set -eux; \
    # expect: pipe-to-shell
    curl -fsSL https://deb.nodesource.com/setup_22.x \
    # the pipe is on the next line
    | bash -
# expect: pipe-to-shell
RUN curl -s https://bootstrap.pypa.io/get-pip.py | python3
# Quoted text is data, not a pipe.
# ok: pipe-to-shell
RUN echo "curl https://example.com | sh" > /usr/share/doc/README
# A download piped into a non-interpreter is fine.
# ok: pipe-to-shell
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
# ok: pipe-to-shell
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
# expect: pipe-to-shell
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
