FROM ubuntu:24.04
# expect: nonsensical-command
RUN service nginx start
# expect: nonsensical-command, nonsensical-command
RUN ps aux && free -m
# A package named vim is data, not a command.
# ok: nonsensical-command
RUN apt-get install -y --no-install-recommends vim procps
# expect: nonsensical-command
RUN ["top", "-b", "-n", "1"]
# Killing a job the same RUN started in the background is legitimate.
# ok: nonsensical-command
RUN ./server & pid=$!; sleep 5; kill $pid
# expect: nonsensical-command
RUN sudo mount -t tmpfs none /mnt
