FROM alpine:3.20 AS a
# expect: duplicate-stage-name
FROM alpine:3.20 AS a
