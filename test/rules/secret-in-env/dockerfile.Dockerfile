FROM node:22-slim
# expect: secret-in-env
ENV DB_PASSWORD=s3cr3t-passw0rd
# expect: secret-in-env
ARG NPM_TOKEN
# expect: secret-in-env
ARG GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345
# expect: secret-in-env
ENV DATABASE_URL=postgres://app:hunter2@db:5432/app
# expect: secret-in-env
ENV SOME_VALUE=AKIAIOSFODNN7EXAMPLE
# ok: secret-in-env
ENV DB_PASSWORD_FILE=/run/secrets/db_password
# ok: secret-in-env
ENV API_KEY=
# ok: secret-in-env
ENV TOKEN_URL=https://auth.example.com/token PWD=/app
# ok: secret-in-env
ARG BUILD_VERSION=1.2.3
# ok: secret-in-env
ENV DATABASE_URL=postgres://db:5432/app
# A reference is not a literal (the ARG it reads is reported where it is declared).
# ok: secret-in-env
ENV NPM_TOKEN=${NPM_TOKEN}
# expect: secret-in-env
ENV apiKey="sk_live_0123456789abcdefABCDEF"
# Legacy form: the rest of the line is the value.
# expect: secret-in-env
ENV ADMIN_PASSWORD correct horse battery staple
# expect: secret-in-env
ENV CLIENT_SECRET=abcdef123456 \
    A=1 \
    B=2
# ok: secret-in-env
ENV ENABLE_TOKEN_AUTH=true
# A PASS glued to the word before it is still a password (jessfraz/dockerfiles slapd).
# expect: secret-in-env
ENV LDAP_ROOTPASS=fsociety LDAP_ORGANIZATION="E CORP" LDAP_DOMAIN=mr.robot.com
# expect: secret-in-env
ARG DBPASS
# ...but not the English words and product names that end in PASS.
# ok: secret-in-env
ENV PROXY_BYPASS=localhost MONGO_COMPASS=1.43.0 OVERPASS_API=overpass.example.org
# ok: secret-in-env
ARG SSL_PASSTHROUGH=enabled
