# ok: root-user
FROM ghcr.io/acme/runtime-python:3.13
CMD ["python"]
