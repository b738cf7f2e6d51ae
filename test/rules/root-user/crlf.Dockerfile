FROM alpine:3.20
RUN apk add --no-cache tini
# expect: root-user
USER root
CMD ["sh"]
