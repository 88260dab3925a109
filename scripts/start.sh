#!/usr/bin/env bash
# Starts the portal: frontend on :3000, backend on :7007 with the embedded AWS sandbox
# (demo fleet) and the demo catalog. Brings Node 22 and the dependencies when missing.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain
cd "$ROOT"
log "Starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec node "$YARN_RELEASE" start "$@"
