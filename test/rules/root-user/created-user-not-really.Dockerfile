# Accounts that are root under another name, or that no longer exist, are not suggested: the default stays.
# expect: root-user
FROM debian:12-slim
RUN useradd -o -u 0 -g 0 admin && adduser root wheel
RUN useradd --uid=0 -M ops && adduser existing docker
RUN useradd tmp && userdel -r tmp
CMD ["bash"]
