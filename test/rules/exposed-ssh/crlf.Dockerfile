FROM ubuntu:24.04
# expect: exposed-ssh
EXPOSE 80 22
# expect: exposed-ssh
EXPOSE 22
# ok: exposed-ssh
EXPOSE 8080
