FROM alpine:3.20
ARG UID
# A build argument with no default is unknown at lint time: not guessed at.
# ok: root-user
USER ${UID}
CMD ["sh"]
