FROM python:3.13-slim
# expect: pip-no-cache
RUN pip install flask==3.0.3
# expect: pip-no-cache
RUN python3 -m pip install -r requirements.txt
# ok: pip-no-cache
RUN pip install --no-cache-dir -r requirements.txt
# ok: pip-no-cache
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
# ok: pip-no-cache
RUN PIP_NO_CACHE_DIR=1 pip3 install gunicorn
FROM python:3.13-slim AS env
ENV PIP_NO_CACHE_DIR=1
# ok: pip-no-cache
RUN pip install uvicorn
