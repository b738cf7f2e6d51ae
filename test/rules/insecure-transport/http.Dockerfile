FROM debian:12-slim
# expect: insecure-transport
RUN curl -fsSLo /tmp/tool.tgz http://downloads.example.com/tool.tgz
# Local endpoints are not on the network.
# ok: insecure-transport
RUN curl -fsS http://localhost:8080/health
# ok: insecure-transport
RUN wget -q https://downloads.example.com/tool.tgz
