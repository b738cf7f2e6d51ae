FROM python:3.13-slim AS base
USER root
RUN pip install --no-cache-dir flask

# expect: root-user
from BASE
COPY . /app
CMD ["python", "/app/main.py"]
