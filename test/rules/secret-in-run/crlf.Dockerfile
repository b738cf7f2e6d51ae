# syntax=docker/dockerfile:1
FROM docker:27-cli AS publish
ARG REGISTRY_PASSWORD
# expect: secret-in-run
RUN docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.com
# expect: secret-in-run
RUN docker login --username ci --password=hunter2 registry.example.com
# ok: secret-in-run
RUN --mount=type=secret,id=registry_password docker login -u ci --password-stdin registry.example.com < /run/secrets/registry_password
# The secret mount's env= variable is read at run time, never stored.
# ok: secret-in-run
RUN --mount=type=secret,id=registry_password,env=REGISTRY_PASSWORD docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.com

FROM amazon/aws-cli:2.22.0 AS aws
# expect: secret-in-run
RUN aws configure set aws_access_key_id AKIDEXAMPLE && aws configure set aws_secret_access_key wJalrXUtnFEMIK7MDENG
# ok: secret-in-run
RUN aws configure set region eu-west-1

FROM google/cloud-sdk:502.0.0-slim AS gcloud
COPY deploy-key.json /tmp/key.json
# expect: secret-in-run
RUN gcloud auth activate-service-account --key-file=/tmp/key.json
# ok: secret-in-run
RUN --mount=type=secret,id=gcp_key gcloud auth activate-service-account --key-file /run/secrets/gcp_key

FROM mcr.microsoft.com/azure-cli:2.67.0 AS azure
# expect: secret-in-run
RUN az login --service-principal -u "$APP_ID" -p "$APP_SECRET" --tenant "$TENANT"
# A certificate file is not the secret itself.
# ok: secret-in-run
RUN az login --service-principal -u "$APP_ID" -p /run/certs/sp.pem --tenant "$TENANT"

FROM digitalocean/doctl:1.117.0 AS doctl
# expect: secret-in-run
RUN doctl auth init -t dop_v1_0123456789abcdef

FROM node:22-bookworm-slim AS build
ARG NPM_TOKEN
# expect: secret-in-run
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci
# expect: secret-in-run
RUN npm config set //npm.pkg.github.com/:_authToken "$NPM_TOKEN"
# expect: secret-in-run
RUN printf 'machine github.com login ci password %s\n' "$GH_TOKEN" > /root/.netrc
# ok: secret-in-run
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
# ok: secret-in-run
RUN npm config set registry https://registry.npmjs.org/

FROM debian:trixie-slim
# expect: secret-in-run
RUN useradd -m app && echo 'app:changeme' | chpasswd
# ok: secret-in-run
RUN --mount=type=secret,id=app_password chpasswd < /run/secrets/app_password
# ok: secret-in-run
RUN echo "password reminders are not passwords" > /etc/motd
USER app

# A locked password (`*`) is the key-only-login idiom (gitea), not a credential.
FROM alpine:3.22 AS git
# ok: secret-in-run
RUN adduser -S -D git && echo "git:*" | chpasswd -e
