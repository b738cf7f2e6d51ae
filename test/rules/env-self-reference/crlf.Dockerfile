FROM alpine:3.20
# expect: env-self-reference
ENV A=1 B=$A
