FROM alpine:3.20 AS a
# expect: copy-from-stage
COPY --from=a /x /y
