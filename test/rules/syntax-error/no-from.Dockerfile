# expect: syntax-error
ARG ONLY_ARGS=1
