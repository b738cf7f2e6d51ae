# expect: root-user
FROM ubuntu:24.04
RUN apt-get update
