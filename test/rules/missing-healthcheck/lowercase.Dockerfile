from python:3.13-slim as base
healthcheck --interval=30s \
    cmd python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
# A stage that does not build on base has none.
# expect: missing-healthcheck
from python:3.13-slim
cmd ["python", "app.py"]
