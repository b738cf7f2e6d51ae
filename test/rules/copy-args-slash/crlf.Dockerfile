FROM alpine:3.20
# expect: copy-args-slash
COPY a b /dst
