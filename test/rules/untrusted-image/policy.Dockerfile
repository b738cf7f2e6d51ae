# With a trust policy in .shipshape.yaml, it is enforced as written: well-known publishers and the
# project's own namespace are reported unless the policy lists them.
# ok: untrusted-image
FROM ghcr.io/acme/base:1.2 AS base
LABEL org.opencontainers.image.source="https://github.com/acme-app/server"
# expect: untrusted-image
COPY --from=grafana/grafana:11.4.0 /usr/share/grafana /opt/grafana
# expect: untrusted-image
COPY --from=ghcr.io/acme-app/assets:2.3 /assets /srv/assets
# The defaults stay trusted under a policy.
# ok: untrusted-image
FROM mcr.microsoft.com/dotnet/aspnet:8.0
