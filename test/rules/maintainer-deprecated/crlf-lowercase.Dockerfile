from alpine:3.20
# expect: maintainer-deprecated
maintainer ops@example.com
