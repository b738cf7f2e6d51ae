# The entrypoint script in the build context steps down with gosu; nothing in the Dockerfile says so.
# expect: root-user
FROM python:3.13-slim
RUN useradd --system --uid 999 worker
COPY drop-entrypoint-script.sh /usr/local/bin/docker-entrypoint.sh
EXPOSE 8000
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["gunicorn", "app:app"]
