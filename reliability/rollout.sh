#!/usr/bin/env bash
# Runs the operator's reliability campaign (not part of `mvn verify`): the rollout fault matrix,
# leader failovers and API-server restarts mid-rollout; rewrites the operator section of
# docs/RELIABILITY.md. Builds through the reactor; never installs into ~/.m2.
# Usage: reliability/rollout.sh [runs-per-cell]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q ${MVN_OFFLINE:+-o} -pl converge-rollout -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="converge-rollout/target/test-classes:converge-rollout/target/classes:$(cat "$cp_file")"
java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=off \
  dev.converge.rollout.reliability.RolloutCampaign "$runs" docs/RELIABILITY.md
