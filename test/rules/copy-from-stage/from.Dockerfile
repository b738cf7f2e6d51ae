FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM alpine:3.20 AS runtime
# ok: copy-from-stage
COPY --from=build /out/app /app
# ok: copy-from-stage
COPY --from=0 /out/app /app2
# expect: copy-from-stage
COPY --from=runtime /etc/os-release /tmp/
# expect: copy-from-stage
COPY --from=biuld /out/app /app3
# expect: copy-from-stage
COPY --from=later /x /x
# expect: copy-from-stage
COPY --from=2 /x /y
# ok: copy-from-stage
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
FROM alpine:3.20 AS later
