ARG BASE=alpine:3.20
FROM ${BASE}
ARG RUN_AS=0
RUN apk add --no-cache curl
# expect: root-user
USER ${RUN_AS}
CMD ["sh"]
