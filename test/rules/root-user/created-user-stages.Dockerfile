# A user created in a build stage is not in the final image: not suggested.
FROM golang:1.23 AS build
RUN useradd -m builder
RUN go build -o /out/app .

FROM debian:12-slim AS base
ARG APP_USER=svc
RUN useradd --system --no-create-home --shell /usr/sbin/nologin "$APP_USER"

# The final stage inherits the user base creates.
# expect: root-user
FROM base
COPY --from=build /out/app /usr/local/bin/app
CMD ["/usr/local/bin/app"]
