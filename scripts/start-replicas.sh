#!/usr/bin/env bash
# Starts the portal with its backend as N replicas (default 2) behind a
# round-robin proxy on :7007, on one PostgreSQL and one Redis
# (app-config.replicas.yaml; both must be running, on this machine by default).
# Replica 1 also runs the embedded AWS sandbox; the others use it. The
# frontend is on :3000 as with scripts/start.sh. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
REPLICAS="${1:-2}"
if ! [[ "$REPLICAS" =~ ^[1-9][0-9]?$ ]]; then
  echo "usage: scripts/start-replicas.sh [replicas, 1-99]" >&2
  exit 2
fi
ensure_toolchain
cd "$ROOT"

pids=()
stop_all() { kill "${pids[@]}" 2>/dev/null || true; wait || true; }
trap stop_all EXIT INT TERM

# One after the other, as a rolling deploy would: each replica runs the
# database migrations it needs before the next starts.
wait_ready() {
  node -e '
    const url = `http://127.0.0.1:${process.argv[1]}/.backstage/health/v1/readiness`;
    const deadline = Date.now() + 15 * 60_000;
    (async () => {
      while (Date.now() < deadline) {
        try { if ((await fetch(url)).ok) return; } catch {}
        await new Promise(r => setTimeout(r, 2000));
      }
      console.error(`no readiness at ${url}`);
      process.exit(1);
    })();' "$1"
}

ports=()
for i in $(seq 1 "$REPLICAS"); do
  port=$((7100 + i))
  ports+=("$port")
  sandbox=false
  [[ "$i" == 1 ]] && sandbox=true
  log "Backend replica $i on :$port (sandbox: $sandbox)"
  APP_CONFIG_backend_listen_port="$port" APP_CONFIG_awsSandbox_enabled="$sandbox" \
    node "$YARN_RELEASE" workspace backend start \
    --config ../../app-config.yaml --config ../../app-config.replicas.yaml &
  pids+=($!)
  wait_ready "$port"
done
node scripts/lib/replicaProxy.js 7007 "${ports[@]}" &
pids+=($!)
log "Starting the portal: http://localhost:3000 (backend http://localhost:7007 -> ${ports[*]})"
node "$YARN_RELEASE" workspace app start &
pids+=($!)
wait -n
