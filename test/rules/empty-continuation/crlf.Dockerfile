FROM alpine:3.20
RUN echo a \
# expect: empty-continuation

    b
