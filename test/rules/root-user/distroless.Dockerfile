FROM golang:1.23 AS build
RUN go build -o /server .
# Distroless :nonroot images default to UID 65532.
# ok: root-user
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /server /server
ENTRYPOINT ["/server"]
