FROM alpine:3.20
# expect: legacy-env-format
env HOME /home/app
