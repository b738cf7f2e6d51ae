FROM ubuntu:24.04
# expect: exposed-ssh
EXPOSE 22
# expect: exposed-ssh
EXPOSE 8080 22/tcp 9090
# expect: exposed-ssh
expose 80 22
# ok: exposed-ssh
EXPOSE 2222 220
