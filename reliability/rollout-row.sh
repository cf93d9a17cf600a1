#!/usr/bin/env bash
# Re-runs one run of the operator's fault matrix with its seed, a few times (not part of
# `mvn verify`): reliability/rollout-row.sh FAULT RATE RUN [REPS] [campaign]
# e.g. `reliability/rollout-row.sh REFUSED 0.3 3 5` re-runs "connections refused @ 30 %, run 3"
# five times; `campaign` first makes every run the campaign makes before it, on the same sandbox.
# Builds through the reactor; never installs into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q ${MVN_OFFLINE:+-o} -pl converge-rollout -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="converge-rollout/target/test-classes:converge-rollout/target/classes:$(cat "$cp_file")"
java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=off \
  dev.converge.rollout.reliability.RolloutRow "$@"
