#!/usr/bin/env bash
# Runs the benchmarks (not part of `mvn verify`) and rewrites docs/BENCHMARKS.md.
# Usage: bench/run.sh [rounds] [sections]
#   (default 5 rounds; sections, comma-separated: engine,harness,sandbox,readiness,client,rollout,cli,targets)
#   The engine section runs first: one sandbox, every tool in alternation, every scenario of issue 9
#   ((1) apply, (2) re-apply, (5) destroy, (4) faults, and the "harness" scenarios (3) readiness
#   latency, (6) rollout and (7) CLI cold start, which write sections of their own); then the other
#   sections, the targets summary last. Each section's wall time, and the engine's per scenario
#   (every tool, per round and in total), go to stderr, so that a longer run can be planned from a
#   short one. "harness" without "engine" runs only (3), (6) and (7), on a sandbox set up the same way.
#   BENCH_JAVA_OPTS: -Dbench.readiness.objects=N sets the objects of (3) (default 1000);
#   -Dbench.scenarios=readiness,cli and -Dbench.tools=converge,kubectl run subsets (see EngineBenchmarks).
# Builds through the reactor without installing anything into ~/.m2 (shared with other builds):
# package and the classpath of converge-bench come from the same reactor run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
sections="${2:-engine,harness,sandbox,readiness,client,rollout,cli,targets}"
# As invoked, for the "Command:" lines of the sections (3), (6) and (7) write from the engine's run.
invoked="${BENCH_JAVA_OPTS:+BENCH_JAVA_OPTS=\"$BENCH_JAVA_OPTS\" }bench/run.sh $rounds${2:+ $2}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -DskipTests -pl converge-bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" >/dev/null
cp="converge-bench/target/classes:$(cat "$cp_file")"
run() {
  # BENCH_JAVA_OPTS: e.g. -Dbench.tools=converge,fabric8 -Dbench.latency=0,5ms
  #   -Dbench.latency.scenarios=apply,reapply (see EngineBenchmarks)
  # shellcheck disable=SC2086
  java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}
wants() {
  [[ ",$sections," == *",$1,"* ]]
}
# Prints the wall time of one section to stderr.
timed() {
  local name="$1" start=$SECONDS
  shift
  "$@"
  echo "bench/run.sh: section $name took $(( SECONDS - start )) s" >&2
}
# Each writes its own section of docs/BENCHMARKS.md. The engine first: it is the longest and the one
# issue 9 asks for; a run cut short still leaves its rounds (written after every round).
# Needs kubectl and kpt on PATH: one sandbox, every tool in alternation (see EngineBenchmarks).
if wants engine; then
  timed engine run -Dbench.command="$invoked" dev.converge.bench.engine.EngineBenchmarks "$rounds" docs/BENCHMARKS.md 1000 100
fi
if wants harness && ! wants engine; then
  timed harness run -Dbench.command="$invoked" dev.converge.bench.engine.HarnessScenarios "$rounds" docs/BENCHMARKS.md
fi
if wants sandbox; then timed sandbox run dev.converge.bench.SandboxBenchmarks "$rounds" docs/BENCHMARKS.md; fi
if wants readiness; then timed readiness run dev.converge.bench.ReadinessBenchmarks "$rounds" docs/BENCHMARKS.md 1000; fi
if wants client; then timed client run dev.converge.bench.ClientFacadeBenchmarks "$rounds" docs/BENCHMARKS.md; fi
if wants rollout; then timed rollout run dev.converge.bench.RolloutBenchmarks "$rounds" docs/BENCHMARKS.md; fi
# The CLI is measured as a user runs it: through the ./converge launcher, a process per run, against
# its own embedded sandbox ((7) above measures it against the engine's sandbox).
if wants cli; then timed cli bench/cli.sh "$rounds"; fi
# Last: the "## Targets" summary at the top, read from the sections above (whichever were rerun).
if wants targets; then timed targets run dev.converge.bench.TargetsSummary docs/BENCHMARKS.md; fi
