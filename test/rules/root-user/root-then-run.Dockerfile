FROM python:3.13-slim
USER app
# The last USER wins, and the RUN below needs root, so the fix adds a USER later instead.
# expect: root-user
USER 0:0
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
CMD ["python", "-m", "app"]
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
