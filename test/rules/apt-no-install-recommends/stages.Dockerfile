FROM rust:1.83 AS buildbase
# A builder of a FROM scratch image: its packages never reach an image.
# ok: apt-no-install-recommends
RUN apt-get update && apt-get install -y git clang

FROM buildbase AS build
# ok: apt-no-install-recommends
RUN apt-get install -y protobuf-compiler
RUN cargo build --release

FROM debian:12-slim AS devtools
# Nothing uses it: built with --target devtools, and that image ships.
# expect: apt-no-install-recommends
RUN apt-get update && apt-get install -y gdb

FROM scratch
COPY --link --from=build /target/release/app /app
ENTRYPOINT ["/app"]
