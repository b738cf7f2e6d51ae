FROM rust:1.83 AS build
WORKDIR /usr/src/app
# ok: copy-build-context
COPY . .
RUN cargo build --release

FROM debian:12-slim
COPY --from=build /usr/src/app/target/release/app /usr/local/bin/app
# expect: copy-build-context
COPY . /srv
