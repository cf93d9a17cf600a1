#!/usr/bin/env bash
# Runs the benchmarks (not part of `mvn verify`) and rewrites docs/BENCHMARKS.md.
# Usage: bench/run.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
mvn -B -q -DskipTests -pl converge-bench -am install
cp_file="$(mktemp)"
mvn -B -q -pl converge-bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
java -Xmx2g -cp "converge-bench/target/classes:$(cat "$cp_file")" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.converge.bench.SandboxBenchmarks "$rounds" docs/BENCHMARKS.md
rm -f "$cp_file"
