FROM debian:12-slim
# expect: use-shell-instruction
RUN ln -sf /bin/bash /bin/sh
# expect: use-shell-instruction
RUN rm /bin/sh && ln -sfv bash /bin/sh
# ok: use-shell-instruction
RUN ln -s /usr/bin/python3 /usr/bin/python
# ok: use-shell-instruction
SHELL ["/bin/bash", "-c"]
