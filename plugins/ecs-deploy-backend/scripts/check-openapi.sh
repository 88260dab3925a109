#!/usr/bin/env bash
# Fails when the OpenAPI spec does not lint (Backstage's rules, warnings included)
# or when src/schema/openapi/generated/router.ts is stale against it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
package="plugins/ecs-deploy-backend"
cd "$root"
tools="node_modules/.bin/backstage-repo-tools"
"$tools" repo schema openapi lint --strict "$package"
# validate imports router.ts; outside Backstage's own repository repo-tools
# loads no TypeScript transform itself, so bring the CLI's.
NODE_OPTIONS="${NODE_OPTIONS:-} --require $root/node_modules/@backstage/cli/config/nodeTransform.cjs" \
  "$tools" repo schema openapi validate "$package"
