#!/usr/bin/env bash
# Runs the benchmarks (not part of `mvn verify`) and rewrites docs/BENCHMARKS.md.
# Usage: bench/run.sh [rounds]   (default 5; sections: sandbox, readiness, client)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
mvn -B -q -DskipTests -pl converge-bench -am install
cp_file="$(mktemp)"
mvn -B -q -pl converge-bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
cp="converge-bench/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
run() {
  java -Xmx2g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}
# Each writes its own section of docs/BENCHMARKS.md.
run dev.converge.bench.SandboxBenchmarks "$rounds" docs/BENCHMARKS.md
run dev.converge.bench.ReadinessBenchmarks "$rounds" docs/BENCHMARKS.md 1000
run dev.converge.bench.ClientFacadeBenchmarks "$rounds" docs/BENCHMARKS.md
run dev.converge.bench.RolloutBenchmarks "$rounds" docs/BENCHMARKS.md
