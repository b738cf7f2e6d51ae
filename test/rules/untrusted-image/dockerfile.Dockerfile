# ok: untrusted-image
FROM nginx:1.27
# ok: untrusted-image
FROM library/nginx:1.27
# ok: untrusted-image
FROM docker.io/library/nginx:1.27
# ok: untrusted-image
FROM index.docker.io/library/nginx:1.27
# Well-known publishers vouch for their images while no trust policy is configured.
# ok: untrusted-image
FROM bitnami/nginx:1.27
# ok: untrusted-image
FROM quay.io/prometheus/node-exporter:v1.8.2
# ok: untrusted-image
FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0
# A lookalike of a well-known namespace is not it.
# expect: untrusted-image
FROM bitnamii/nginx:1.27
# expect: untrusted-image
FROM someone/nginx:1.27
# expect: untrusted-image
FROM ghcr.io/someone/tool:1.0
# ok: untrusted-image
FROM mcr.microsoft.com/dotnet/aspnet:8.0
# ok: untrusted-image
FROM gcr.io/distroless/static-debian12:nonroot
# Only the distroless project is trusted, not all of gcr.io.
# expect: untrusted-image
FROM gcr.io/some-project/image:1
# ok: untrusted-image
FROM cgr.dev/chainguard/static:latest
# ok: untrusted-image
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
# ok: untrusted-image
FROM registry.k8s.io/pause:3.10
# ok: untrusted-image
FROM public.ecr.aws/docker/library/alpine:3.20
# expect: untrusted-image
FROM public.ecr.aws/someone/alpine:3.20
# Prefixes match at path boundaries: mcr.microsoft.com.evil.io is not mcr.microsoft.com.
# expect: untrusted-image
FROM mcr.microsoft.com.evil.io/dotnet:8.0
# expect: untrusted-image
FROM localhost:5000/app:1
# ok: untrusted-image
FROM scratch
