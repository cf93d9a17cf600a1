#!/usr/bin/env bash
# Runs the full fault-matrix campaign (not part of `mvn verify`) and rewrites the fault matrix
# section of docs/RELIABILITY.md. Builds through the reactor; never installs into ~/.m2.
# Usage: reliability/run.sh [runs-per-cell]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# test-compile the engine and its upstream modules, then write the engine's test classpath
# (reactor modules resolve to their target/classes directories).
mvn -B -q ${MVN_OFFLINE:+-o} -pl converge-engine -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="converge-engine/target/test-classes:converge-engine/target/classes:$(cat "$cp_file")"
java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=off \
  dev.converge.engine.reliability.FaultMatrixCampaign "$runs" docs/RELIABILITY.md
