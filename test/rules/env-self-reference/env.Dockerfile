FROM alpine:3.20
# expect: env-self-reference
ENV APP_HOME=/app APP_BIN=$APP_HOME/bin
ENV A=1 \
    # expect: env-self-reference
    B=${A}-x
# ok: env-self-reference
ENV PATH=$PATH:/app/bin
ENV BASE=/opt
# ok: env-self-reference
ENV TOOL=$BASE/tool
