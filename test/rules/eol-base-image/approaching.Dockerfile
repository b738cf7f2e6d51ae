# PostgreSQL 14 ends on 2026-11-12, within 90 days of the reference day: info.
# expect: eol-base-image
FROM postgres:14-alpine AS pg
# PostgreSQL 15 ends in 2027: nothing yet.
# ok: eol-base-image
FROM postgres:15-alpine
COPY --from=pg /usr/local/bin/pg_dump /usr/local/bin/pg_dump14
