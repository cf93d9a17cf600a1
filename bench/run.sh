#!/usr/bin/env bash
# Runs the benchmarks (not part of `mvn verify`) and rewrites docs/BENCHMARKS.md.
# Usage: bench/run.sh [rounds] [sections]
#   (default 5 rounds; sections, comma-separated: sandbox,readiness,client,engine,harness,rollout,cli,targets)
#   The engine run includes scenarios (3) readiness latency and (6) rollout ("harness" sections);
#   "harness" without "engine" runs only those two, on a sandbox set up the same way
#   (BENCH_JAVA_OPTS=-Dbench.readiness.objects=N sets the objects of (3), default 1000).
# Builds through the reactor without installing anything into ~/.m2 (shared with other builds):
# package and the classpath of converge-bench come from the same reactor run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
sections="${2:-sandbox,readiness,client,engine,harness,rollout,cli,targets}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -DskipTests -pl converge-bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" >/dev/null
cp="converge-bench/target/classes:$(cat "$cp_file")"
run() {
  # BENCH_JAVA_OPTS: e.g. -Dbench.tools=converge,fabric8 -Dbench.latency=0,5ms (see EngineBenchmarks)
  # shellcheck disable=SC2086
  java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}
wants() {
  [[ ",$sections," == *",$1,"* ]]
}
# Each writes its own section of docs/BENCHMARKS.md.
if wants sandbox; then run dev.converge.bench.SandboxBenchmarks "$rounds" docs/BENCHMARKS.md; fi
if wants readiness; then run dev.converge.bench.ReadinessBenchmarks "$rounds" docs/BENCHMARKS.md 1000; fi
if wants client; then run dev.converge.bench.ClientFacadeBenchmarks "$rounds" docs/BENCHMARKS.md; fi
# Needs kubectl and kpt on PATH: one sandbox, every tool in alternation (see EngineBenchmarks).
if wants engine; then run dev.converge.bench.engine.EngineBenchmarks "$rounds" docs/BENCHMARKS.md 1000 100; fi
if wants harness && ! wants engine; then
  run -Dbench.command="${BENCH_JAVA_OPTS:+BENCH_JAVA_OPTS=\"$BENCH_JAVA_OPTS\" }bench/run.sh $rounds harness" dev.converge.bench.engine.HarnessScenarios "$rounds" docs/BENCHMARKS.md
fi
if wants rollout; then run dev.converge.bench.RolloutBenchmarks "$rounds" docs/BENCHMARKS.md; fi
# The CLI is measured as a user runs it: through the ./converge launcher, a process per run.
if wants cli; then bench/cli.sh "$rounds"; fi
# Last: the "## Targets" summary at the top, read from the sections above (whichever were rerun).
if wants targets; then run dev.converge.bench.TargetsSummary docs/BENCHMARKS.md; fi
