# Vendor images whose own Dockerfile ends with a non-root USER (Jupyter's docker-stacks: jovyan).
ARG REGISTRY=quay.io
ARG OWNER=jupyter
ARG BASE_IMAGE=$REGISTRY/$OWNER/scipy-notebook
# ok: root-user
FROM $BASE_IMAGE
RUN pip install --no-cache-dir torch
