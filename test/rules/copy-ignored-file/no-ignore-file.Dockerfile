FROM alpine:3.22
# Without an ignore file, nothing is excluded.
# ok: copy-ignored-file
COPY production.env /app/
