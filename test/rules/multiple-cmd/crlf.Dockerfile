FROM alpine:3.20
# expect: multiple-cmd
ENTRYPOINT ["/a.sh", \
    "--x"]
# ok: multiple-cmd
ENTRYPOINT ["/b.sh"]
