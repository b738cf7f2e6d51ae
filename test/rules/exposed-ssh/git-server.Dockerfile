# A git server: sshd is how users push and pull (Gitea, Gogs, a bare git server), not a way in.
FROM alpine:3 AS gitea
RUN apk add --no-cache git openssh \
  && addgroup -S -g 1000 git \
  && adduser -S -H -D -h /data/git -s /bin/bash -u 1000 -G git git
# ok: exposed-ssh
EXPOSE 22 3000

FROM alpine:3 AS bare
RUN apk add --no-cache git openssh && adduser -D -s /usr/bin/git-shell -h /home/git -g git git
# ok: exposed-ssh
EXPOSE 22

# An admin shell over SSH is still reported, even beside git tooling.
FROM alpine:3 AS admin
RUN apk add --no-cache git openssh && adduser -D app && echo git > /etc/motd
# expect: exposed-ssh
EXPOSE 22
