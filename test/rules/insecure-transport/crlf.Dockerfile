FROM debian:12-slim
# expect: insecure-transport
RUN curl -fsSL --insecure \
    https://internal.example/x -o /x
