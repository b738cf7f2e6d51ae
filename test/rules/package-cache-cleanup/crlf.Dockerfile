FROM debian:12-slim
RUN apt-get update \
    # expect: package-cache-cleanup
    && apt-get install -y --no-install-recommends curl
CMD ["bash"]
