FROM python:3.13-slim AS base
RUN useradd --uid 10001 app
USER app

# A stage built FROM an earlier stage inherits its USER.
# ok: root-user
FROM base AS final
COPY . /app
CMD ["python", "/app/main.py"]
