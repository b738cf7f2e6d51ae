FROM python:3.13 AS wheels
# ok: pip-no-cache
RUN pip wheel --wheel-dir /wheels -r requirements.txt && pip install build

FROM python:3.13-slim
COPY --from=wheels /wheels /wheels
# expect: pip-no-cache
RUN pip install /wheels/*.whl
