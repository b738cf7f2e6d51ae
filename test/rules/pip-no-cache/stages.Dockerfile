FROM python:3.13 AS venv
RUN python -m venv /venv
# The venv is copied out; pip's cache in ~/.cache/pip stays behind.
# ok: pip-no-cache
RUN /venv/bin/pip install -r requirements.txt

FROM python:3.13 AS test
COPY --from=venv /venv /venv
# Built with --target test: its image keeps the cache.
# expect: pip-no-cache
RUN /venv/bin/pip install pytest

FROM python:3.13-slim
COPY --from=venv /venv /venv
CMD ["/venv/bin/python", "-m", "app"]
