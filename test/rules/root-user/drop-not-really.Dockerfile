# setpriv and runuser come with util-linux: a RUN using them says nothing about run time, and a
# gosu in a build stage does not reach the final one.
FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gosu && gosu nobody make

# expect: root-user
FROM debian:12-slim
RUN useradd -r app && runuser -u app -- /opt/app/migrate && setpriv --reuid=app true
EXPOSE 8080
CMD ["/opt/app/server"]
