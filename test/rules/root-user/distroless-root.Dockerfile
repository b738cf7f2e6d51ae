FROM golang:1.23 AS build
RUN go build -o /server .
# The default distroless tag runs as root; the fix uses the image's nonroot UID.
# expect: root-user
FROM gcr.io/distroless/static-debian12
COPY --from=build /server /server
