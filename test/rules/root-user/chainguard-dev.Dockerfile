# expect: root-user
FROM cgr.dev/chainguard/python:latest-dev
RUN pip install flask
