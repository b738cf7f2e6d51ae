FROM alpine:3.20
# ADD looks at the content: a glob may match an archive, and a .gz may be a compressed tar. Reported
# without the "not a tar archive" claim, and not rewritten.
# expect: add-local-file
ADD files/* /opt/
# expect: add-local-file
ADD data.json.gz /srv/
