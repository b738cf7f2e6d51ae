FROM docker:27-cli
# expect: secret-in-run
ONBUILD RUN docker login -u ci -p hunter2 registry.example.com
# ok: secret-in-run
ONBUILD RUN --mount=type=secret,id=registry_password docker login -u ci --password-stdin registry.example.com < /run/secrets/registry_password
