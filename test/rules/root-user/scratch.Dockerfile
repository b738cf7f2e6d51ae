FROM golang:1.23 AS build
RUN CGO_ENABLED=0 go build -o /server ./cmd/server
# expect: root-user
FROM scratch
COPY --from=build /server /server
ENTRYPOINT ["/server"]
