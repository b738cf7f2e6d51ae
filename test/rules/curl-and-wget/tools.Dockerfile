FROM debian:12-slim AS one
# ok: curl-and-wget
RUN wget -q https://example.com/a
# expect: curl-and-wget
RUN curl -fsSLO https://example.com/b
# expect: curl-and-wget
RUN ["curl", "-fsSLO", "https://example.com/c"]
FROM debian:12-slim AS two
# Each stage is its own image.
# ok: curl-and-wget
RUN curl -fsSLO https://example.com/d
