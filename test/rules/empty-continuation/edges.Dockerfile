FROM debian:12-slim
RUN apt-get update \
    # a comment line inside a continuation is fine
    # ok: empty-continuation
    && apt-get install -y curl
# Several blank lines are one finding.
RUN echo one \
# expect: empty-continuation


    two
# The last \ swallows the next instruction across the empty line: the fix removes that \.
RUN make \
# expect: empty-continuation

RUN make install
COPY <<EOF /etc/app.conf
# ok: empty-continuation

key=value
EOF
