# ok: untrusted-image
FROM ghcr.io/acme/base:1.2
# ok: untrusted-image
FROM registry.acme.internal/platform/python:3.13
# ok: untrusted-image
FROM acme/base-python:3.13
# expect: untrusted-image
FROM acme/other:1
# expect: untrusted-image
FROM ghcr.io/acmecorp/base:1
