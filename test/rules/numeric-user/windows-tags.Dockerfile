# Official images' Windows variants are named by tag (mongo's windowsservercore-ltsc2022 builds):
# no UIDs there, so ContainerUser is not a finding.
FROM mongo:8.0-windowsservercore-ltsc2022
# ok: numeric-user
USER ContainerUser
