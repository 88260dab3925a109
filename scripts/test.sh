#!/usr/bin/env bash
# Runs every check the project has: type check, lint, prettier, unit and integration
# tests, and the browser end-to-end tests in Chromium. Exits non-zero on any failure.
# Brings Node 22, the dependencies and Chromium when missing.
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain || exit 1
ensure_chromium || exit 1
cd "$ROOT"
export CI=true
# PostgreSQL runs on these machines (127.0.0.1:5432, trust auth); database tests use it
# through @backstage/backend-test-utils alongside SQLite.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
# Redis runs there too (127.0.0.1:6379): the replica tests share one cache through it.
export BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING="${BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING:-redis://127.0.0.1:6379}"

passed=0 failed=0 failures=()
step() {
  local name=$1
  shift
  log "$name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    log "$name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    log "$name: FAILED ($((SECONDS - t0)) s)"
  fi
}

step "type check" yarn tsc
# after the type check: the reports are extracted from the declarations it emits
step "API reports" yarn api-reports:check
step "package metadata" yarn fix:check
step "lint" yarn lint:all
step "prettier" yarn prettier:check
step "openapi spec: lint, generated router up to date" bash plugins/ecs-deploy-backend/scripts/check-openapi.sh
step "unit and integration tests" yarn test
step "browser end-to-end tests" yarn test:e2e

[ ${#failures[@]} -eq 0 ] || log "failed: ${failures[*]}"
echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
