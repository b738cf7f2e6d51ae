# expect: root-user
FROM debian:12-slim
RUN adduser --system --uid 1000 --home /srv/app --group app
CMD ["/srv/app/run"]
