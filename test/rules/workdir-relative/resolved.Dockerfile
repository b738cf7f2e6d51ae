FROM alpine:3.20
WORKDIR /app
# BuildKit cleans the joined path: "/app/../srv" is "/srv".
# expect: workdir-relative
WORKDIR ../srv
# A variable with no value later in the path leaves it relative, whatever the value.
# expect: workdir-relative
WORKDIR build/$VERSION
FROM alpine:3.20
# expect: workdir-relative
WORKDIR src/${UNKNOWN}
# ok: workdir-relative
WORKDIR ${UNKNOWN}/src
# Relative to a directory a WORKDIR chose, even one starting with a variable: info, with the path.
# expect: workdir-relative
WORKDIR ./lib/../bin
FROM alpine:3.20
# WORKDIR takes the rest of the line as one path, spaces included.
# expect: workdir-relative
WORKDIR my app
