# expect: root-user
FROM debian:12-slim
RUN <<EOT
set -e
echo "USER app" > /etc/notes
EOT
CMD ["bash"]
