ARG V=3.20
# ok: undefined-arg
FROM alpine:${V}
# expect: undefined-arg
FROM alpine:${W}
