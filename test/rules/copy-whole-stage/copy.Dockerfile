FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12:nonroot
# expect: copy-whole-stage
COPY --from=build / /
# expect: copy-whole-stage
COPY --from=0 / /rootfs/
# ok: copy-whole-stage
COPY --from=build /out/app /app
# An image made to be copied whole is not a build stage.
# ok: copy-whole-stage
COPY --from=gloursdocker/docker / /
