#!/usr/bin/env bash
# Writes (or with --ci, checks) the API report of every published package, one
# package per run: API Extractor runs sharing one process carry a warning from
# one package into the next one's report. The reports are extracted from the
# declarations `yarn tsc` emits into dist-types; an incremental build can order
# the members of a union differently from a clean one, so regenerate after
# `rm -rf dist-types && yarn tsc` (CI checks from a clean clone).
set -euo pipefail
cd "$(dirname "$0")/.."
tools=node_modules/.bin/backstage-repo-tools
ci=("$@")
for pkg in plugins/ecs-deploy-backend plugins/ecs-deploy-node plugins/scaffolder-ecs-actions; do
  "$tools" api-reports "${ci[@]}" "$pkg"
done
# -common's undocumented members stay listed as warnings in its report.
"$tools" api-reports "${ci[@]}" --allow-warnings plugins/ecs-deploy-common plugins/ecs-deploy-common
# The extractor's warning about following a re-export into -common's sources
# names the checkout's absolute path, so a report listing it would differ in
# every clone.
"$tools" api-reports "${ci[@]}" -o ae-wrong-input-file-type plugins/ecs-deploy
