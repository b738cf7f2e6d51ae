// Kept apart from pin-command so that `shipshape --help` and usage errors do not load the registry client.
export const PIN_USAGE = `Usage: shipshape pin [paths...] [options]

Pins the images that Dockerfiles (FROM, COPY --from) and Compose files (image:) pull by tag to the
digest the registry serves for that tag now, keeping the tag for readability:
  FROM node:20   ->   FROM node:20@sha256:...
Files and folders are found as by "shipshape lint". References built from ARGs or \${VARIABLES} and
values that are not image references are left alone (with a notice), as are images a Compose
service builds and images already pinned.

This command contacts the registries of the images it pins (and nothing else): it asks for each
tag's manifest digest, with credentials from your Docker config when the registry asks for them.

Options:
      --dry-run              Print the changes as a unified diff; change no file
      --check                As --dry-run, and exit 1 when anything would change
                             (CI: every image pinned; with --update, no tag moved)
      --update               Also refresh references already pinned by tag
                             (node:20@sha256:old -> node:20@sha256:new) when the tag moved
      --platform <os/arch[/variant]>
                             Pin that platform's image manifest instead of the
                             multi-platform index (the default keeps every platform);
                             a single-platform image must be built for it
      --timeout <ms>         Per-request timeout (default 10000); each image gets twice
                             that in all (at least 20 s), the whole run 2 minutes
      --no-cache             Ask the registry even when a fresh answer is cached
      --credential-helpers   Also run the docker-credential-* helpers your Docker
                             config names (off by default)
  -h, --help                 Show this help

Exit codes: 0 everything pinnable was pinned (or already was), 1 some image could not be
resolved, a file could not be parsed, or (--check) something would change, 2 usage error.
`;
