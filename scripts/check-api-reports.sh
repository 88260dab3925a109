#!/usr/bin/env bash
# Checks the API report of every published package, one package per run: API
# Extractor runs sharing one process carry a warning from one package into the
# next one's report. -common (undocumented members) and the frontend (API
# Extractor follows one re-export into -common's sources) keep their warnings
# listed in their reports; any change to an export still fails the check.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=node_modules/.bin/backstage-repo-tools
for pkg in plugins/ecs-deploy-backend plugins/ecs-deploy-node plugins/scaffolder-ecs-actions; do
  "$tools" api-reports --ci "$pkg"
done
"$tools" api-reports --ci --allow-warnings plugins/ecs-deploy-common plugins/ecs-deploy-common
# The re-export warning names the checkout's absolute path, so a report that
# listed it would differ in every clone.
"$tools" api-reports --ci -o ae-wrong-input-file-type plugins/ecs-deploy
