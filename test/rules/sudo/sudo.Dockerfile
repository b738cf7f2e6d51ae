FROM ubuntu:24.04
USER app
# expect: sudo, sudo, sudo
RUN sudo apt-get update && sudo -E apt-get install -y --no-install-recommends curl && sudo rm -rf /var/lib/apt/lists/*
# expect: sudo
RUN sudo -u postgres psql -c "select 1"
# ok: sudo
RUN echo "sudo is not used here"
# ok: sudo
RUN apt-get install -y sudo
