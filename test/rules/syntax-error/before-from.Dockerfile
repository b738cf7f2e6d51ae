ARG VERSION=3.20
# expect: syntax-error
RUN echo "no stage yet"
FROM alpine:${VERSION}
# ok: syntax-error
CMD ["sh", \
     "-c", "echo multi-line JSON is fine"]
