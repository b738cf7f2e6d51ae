FROM alpine:3.20
# expect: add-local-file
add app.py /app/
