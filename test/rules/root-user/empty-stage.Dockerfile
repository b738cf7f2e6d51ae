# A final stage with nothing after FROM gets the USER right after it.
# expect: root-user
FROM ubuntu:24.04
