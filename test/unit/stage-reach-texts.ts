// Multi-stage Dockerfiles written to catch a rule that says `reach: 'stage'` but looks past its stage:
// alias chains, global ARGs in FROM, COPY --from by name and index, comments between stages, CRLF,
// the escape directive, heredocs, ONBUILD, suppression comments.
export const ADVERSARIAL: Record<string, string> = {
  aliasChain: `# syntax=docker/dockerfile:1
ARG BASE=debian:12
ARG TAG
FROM \${BASE} AS base
USER root
RUN apt-get update && apt-get install -y curl
WORKDIR app
ENV SECRET_TOKEN=abcdef123456
# comment above builder belongs to base
FROM base AS builder
RUN cd /src && make
COPY . .
RUN curl http://example.com/x | sh
FROM builder AS tester
RUN pip install pytest
HEALTHCHECK CMD curl -f http://localhost/
FROM node:\${TAG} AS other
COPY --from=builder /app /app
COPY --from=0 /app /app2
COPY --from=missing /x /x
RUN --mount=type=cache,from=tester,target=/t echo hi
CMD node server.js
FROM alpine:3.19
COPY --from=other /app /app
COPY --from=1 / /
RUN apk add curl
USER 0
EXPOSE 22
CMD ["app"]
CMD ["app2"]
`,
  duplicateNames: `FROM debian:12 AS build
RUN apt-get install -y gcc
FROM debian:12 AS BUILD
RUN apt-get install -y make
FROM build
RUN echo $UNDEFINED_VAR
FROM scratch
COPY --from=build / /
`,
  globalArgs: `ARG VERSION=1.2
ARG IMAGE=python:\${VERSION}
ARG UNUSED_GLOBAL
FROM \${IMAGE} AS a
ARG VERSION
RUN echo $VERSION $UNUSED_GLOBAL
FROM \${IMAGE}
RUN echo $VERSION
ARG UNUSED_GLOBAL
RUN echo $UNUSED_GLOBAL $NOPE
FROM a
ENV X=$VERSION
`,
  crlf: 'FROM ubuntu:22.04 AS one\r\nRUN apt-get update\r\nUSER root\r\n\r\n# between\r\nFROM one\r\nRUN apt-get install -y curl \\\r\n    wget\r\nFROM alpine\r\nRUN apk add --no-cache bash\r\nCMD bash\r\n',
  escape: `# escape=\`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
RUN powershell -Command \`
    Invoke-WebRequest http://example.com/x -OutFile x
WORKDIR C:\\app
FROM win
USER ContainerAdministrator
RUN echo hi
FROM debian:12
RUN apt-get update \`
  && apt-get install -y curl
`,
  heredocs: `# syntax=docker/dockerfile:1.7
FROM debian:12 AS one
RUN <<EOT
apt-get update
apt-get install -y curl
curl http://x | sh
EOT
COPY <<CONF /etc/app.conf
password=hunter2
CONF
FROM one AS two
RUN <<EOT bash
set -e
cd /tmp
sudo make install
EOT
FROM alpine
RUN <<EOT
apk add curl
EOT
`,
  suppressions: `# shipshape-ignore-file unpinned-image -- global
FROM debian AS a
# shipshape-ignore root-user -- needed
USER root
RUN apt-get install -y curl
FROM debian AS b
# hadolint ignore=DL3008
RUN apt-get install -y wget
# shipshape-ignore-file apt-no-install-recommends -- from stage b
FROM a
# shipshape-ignore pipe-to-shell
RUN curl https://x | sh
`,
  onbuild: `FROM debian:12 AS a
ONBUILD RUN apt-get install -y curl
ONBUILD COPY --from=b / /
ONBUILD USER root
FROM a AS b
ONBUILD ADD http://example.com/x /x
RUN echo hi
FROM b
ONBUILD FROM alpine
`,
  copyFromIndex: `FROM golang:1.22 AS build
RUN go build -o /app
FROM build
COPY --from=0 /app /app
COPY --from=build /app /app2
COPY --from=2 /app /app3
COPY --from=later /x /y
FROM alpine AS later
COPY --from=build / /
COPY --from=1 /app /app
COPY --from=golang:1.22 /usr/local/go /go
RUN --mount=from=build,target=/b ls /b
FROM later
COPY --from=later /x /z
`,
  finalStageQuestions: `FROM node:20 AS deps
RUN npm install
USER root
FROM node:20 AS build
COPY --from=deps /node_modules /node_modules
RUN npm run build
EXPOSE 22
FROM node:20-slim AS runtime
COPY --from=build /dist /dist
HEALTHCHECK NONE
FROM runtime AS debug
USER root
`,
  healthcheck: `FROM nginx AS a
HEALTHCHECK CMD curl -f http://localhost/
FROM a AS b
RUN echo hi
FROM nginx
RUN echo final
`,
  workdirLineage: `FROM debian AS a
WORKDIR /app
FROM a
COPY x y
RUN cd /tmp && ls
FROM debian
COPY x y
WORKDIR rel
`,
  shellLineage: `FROM debian AS a
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
FROM a
RUN curl http://x | tar x
FROM debian
RUN curl http://x | tar x
`,
  envLineage: `FROM debian AS a
ENV DEBIAN_FRONTEND=noninteractive PATH=/x:$PATH
ARG A=1
FROM a
ENV PATH=$PATH:/y
RUN apt-get install -y curl
RUN echo $A
FROM debian
RUN apt-get install -y curl
`,
  userLineage: `FROM debian AS a
USER 1000
FROM a AS b
RUN id
FROM b
RUN echo hi
`,
  multiCmd: `FROM debian AS a
CMD a
CMD b
FROM a
CMD c
ENTRYPOINT x
ENTRYPOINT y
`,
  emptyStage: `FROM debian AS a
FROM a
FROM scratch
`,
  fromContinuation: `FROM \\
  debian:12 \\
  AS a
RUN echo hi
FROM \\
  a
RUN apt-get update
`,
  commentsBetween: `FROM debian AS a
RUN echo a
# shipshape-ignore root-user -- for the next stage's USER? no: next instruction is FROM
# hadolint ignore=DL3006
FROM ubuntu
USER root
RUN echo b \\
# comment inside continuation
  && echo c
`,
  secretsAcross: `FROM debian AS a
ENV API_TOKEN=supersecretvalue123456
FROM a
RUN echo supersecretvalue123456
FROM debian
ARG PASSWORD=supersecretvalue123456
RUN curl -u admin:supersecretvalue123456 http://x
`,
  onlyPreamble: `# syntax=docker/dockerfile:1
ARG X=1
`,
  badFromArg: `ARG REG
FROM \${REG}/debian AS a
FROM \${UNKNOWN:-debian}
FROM a
`,
  parseErrorish: `FROM debian AS a
RUN echo "unterminated \\
FROM a
RUN <<EOF
no end
`,
  maintainer: `FROM debian AS a
MAINTAINER me
FROM a
LABEL x=y
MAINTAINER you
`,
  portsAndUsers: `FROM debian AS a
EXPOSE 22 99999 80/tcp
USER 0:0
FROM a
EXPOSE 2222/udp
USER nobody
FROM debian
USER 1000
`,
  copyStage: `FROM debian AS a
COPY . /
FROM a
COPY . .
COPY ./ ./
ADD . /app
FROM debian
COPY --from=a / /
`,
  cx_final_root_health: 'FROM debian:12 AS a\nFROM alpine:3.19\nUSER 10001\nHEALTHCHECK CMD true\n',
  cx_numeric_user: 'FROM debian:12 AS a\nUSER app\nFROM alpine:3.19\nUSER 10001\n',
  cx_secret_file: 'FROM node:20 AS build\nCOPY .npmrc .\nFROM node:20\nCOPY --from=build /app /app\n',
  cx_build_context: 'FROM golang:1.22 AS build\nCOPY . .\nFROM alpine:3.19\nCOPY --from=build /out /app\n',
  cx_copy_from: 'FROM debian:12 AS a\nFROM alpine:3.19\nCOPY --from=a / /\n',
  cx_duplicate: 'FROM debian:12 AS a\nFROM alpine:3.19 AS a\n',
  cx_eol: 'FROM alpine:3.5 AS unused\nFROM alpine:3.19\n',
  cx_caches:
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN apk add gcc\nRUN pip install x\nFROM debian:12\nCOPY --from=build /x /x\n',
  slashName:
    'FROM alpine:3.19 AS org/tool\nRUN echo\nFROM alpine:3.19 AS Tools.v2\nFROM alpine:3.19\nCOPY --from=org/tool /x /x\nCOPY --from=tools.v2 /y /y\n',
  argFrom:
    'ARG STAGE=build\nARG IMG=alpine:3.19\nFROM golang:1.22 AS build\nFROM ${IMG} AS tools\nFROM alpine:3.19\nCOPY --from=${STAGE} /x /x\nCOPY --from=${IMG} /y /y\nRUN --mount=from=${STAGE},target=/b ls\n',
  assumeYes:
    'FROM debian:12 AS a\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM debian:12\nRUN apt-get install curl\nFROM a\nRUN apt-get install curl\n',
  mixedEol:
    'FROM debian:12 AS a\r\nRUN apt-get update && apt-get install -y curl\r\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apk add x\n',
  curlWget:
    'FROM debian:12 AS a\nRUN curl -o x http://e.com\nFROM a\nRUN wget http://e.com\nFROM debian:12\nRUN wget http://e.com\n',
  onbuildFrom: 'FROM debian:12 AS a\nFROM alpine:3.19 AS b\nONBUILD COPY --from=a /x /x\nONBUILD RUN apk add x\n',
  emptyContinuationEdge: 'FROM debian:12 AS a\nRUN echo a \\\n\nFROM debian:12\nRUN echo b\n',
  trailingContinuation: 'FROM debian:12 AS a\nRUN echo a \\\nFROM alpine:3.19\nRUN echo b\n',
  bom: '\ufeffFROM debian:12 AS a\nUSER root\nFROM a\nRUN apt-get install curl\n',
  shellInLineage: 'FROM debian:12 AS a\nSHELL ["/bin/sh", "-c"]\nFROM a\nRUN set -e; curl http://x | sh\nRUN cd /x && make\n',
  workdirGlobalArg:
    'ARG DIR=/app\nFROM debian:12 AS a\nARG DIR\nWORKDIR $DIR\nFROM a\nCOPY x .\nFROM debian:12\nARG DIR\nWORKDIR ${DIR}\nCOPY y .\n',
  envSelfRef: 'FROM debian:12 AS a\nENV PATH=/x\nFROM a\nENV PATH=$PATH:/y A=$A\nFROM debian:12\nENV B=$B\n',
  redactAcross:
    'FROM debian:12 AS a\nENV DB_PASSWORD=Zq8vLm3pXr7tKw2n\nFROM debian:12\nRUN curl http://example.com/Zq8vLm3pXr7tKw2n/x.sh | sh\nADD http://example.com/Zq8vLm3pXr7tKw2n.tgz /x\n',
  aliasColon: 'FROM alpine:3.19 AS tool:dev\nRUN echo\nFROM alpine:3.19\nCOPY --from=tool:dev /x /x\n',
  rootViaChild: 'FROM debian:12 AS base\nUSER root\nRUN echo\nFROM base\nUSER 10001\nCMD ["app"]\n',
  healthViaChild: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nHEALTHCHECK NONE\n',
  secretViaChild: 'FROM node:20 AS build\nCOPY .npmrc .\nFROM alpine:3.19 AS final\nCOPY --from=build /app /app\n',
  // Messages that quote a line of the stage: wrong once the stage moves, unless re-linted.
  lineNumbersInMessages: `FROM alpine:3.19 AS first
RUN true
FROM debian:12
RUN apt-get update && \\

    apt-get install -y curl
RUN wget -q https://example.com/a && curl -fsS https://example.com/b
CMD ["a"]
CMD ["b"]
`,
  // Stage names that read as image references (half-typed in an editor) used by COPY --from.
  stageNamesLikeImages: `FROM alpine:3.19 AS tool:dev
RUN echo
FROM alpine:3.19 AS org/tool
RUN echo
FROM alpine:3.19
COPY --from=tool:dev /x /x
COPY --from=org/tool /y /y
`,
  // A stage built on this one decides what this one's lines mean for the image: the USER, the
  // HEALTHCHECK and the package cache it inherits, or overrides on lines outside the outline.
  userOverriddenByChild: `FROM debian:12 AS a
USER app
RUN echo a
FROM a
USER 1000
`,
  userInheritedByChild: `FROM debian:12 AS a
USER app
FROM a
RUN echo b
`,
  rootOverriddenByChild: `FROM debian:12 AS a
USER root
FROM a AS b
RUN id
FROM b
USER 10001
`,
  healthOverriddenByGrandchild: `FROM nginx:1.27 AS a
HEALTHCHECK CMD curl -f http://localhost/
FROM a AS b
RUN echo
FROM b
HEALTHCHECK NONE
`,
  cacheKeptByChild: `FROM debian:12 AS a
RUN apt-get update && apt-get install -y curl
FROM a
RUN rm -rf /var/lib/apt/lists/*
`,
  secretCopiedThroughChain: `FROM node:20 AS deps
COPY .npmrc /root/.npmrc
RUN npm ci
FROM deps AS build
RUN rm /root/.npmrc
FROM alpine:3.19
COPY --from=build /root /root
`,
};
