# expect: missing-healthcheck
FROM alpine:3.20
CMD ["sleep", "infinity"]
