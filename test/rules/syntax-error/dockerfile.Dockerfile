# expect: syntax-error
FORM alpine:3.20
FROM alpine:3.20 AS base
# expect: syntax-error
RUNN apk add --no-cache curl
# expect: syntax-error
CMD ["sh", "-c", "echo hi]
# expect: syntax-error
COPY --chwon=app:app . /app
# expect: syntax-error
WORKDIR
# ok: syntax-error
HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost/ || exit 1
# ok: syntax-error
COPY --from=base --chown=app:app --chmod=755 --link . /app
# ok: syntax-error
RUN --mount=type=cache,target=/root/.cache echo ok
# expect: syntax-error
FROM alpine:3.20 AS
# expect: syntax-error
ENTRYPOINT ['sh', '-c']
# expect: syntax-error
SHELL /bin/bash -c
# ok: syntax-error
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# expect: syntax-error
ENV APP_HOME
# ok: syntax-error
ENV A=1 B="two words"
# expect: syntax-error
BOGUSINSTRUCTION x
