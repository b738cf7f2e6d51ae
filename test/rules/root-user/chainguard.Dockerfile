# Chainguard images run as nonroot, except their -dev variants.
# ok: root-user
FROM cgr.dev/chainguard/python:latest
CMD ["python"]
