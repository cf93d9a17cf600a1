#!/usr/bin/env bash
# Repeats the lock, concurrency and crash scenarios of issue 10 (ConcurrentApplyTest,
# SandboxRestartTest, CrashAndConcurrencyTest, SandboxKilledTest; TESTS=... for fewer) and prints one line per run with its figures, for
# the "Concurrency and crashes" table of docs/RELIABILITY.md. Builds through the reactor; never
# installs into ~/.m2. Usage: reliability/crashes.sh [runs]   (default 5)
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
tests="${TESTS:-ConcurrentApplyTest,SandboxRestartTest,CrashAndConcurrencyTest,SandboxKilledTest}"
for i in $(seq 1 "$runs"); do
  log="$(mktemp)"
  start=$(date +%s)
  mvn -B ${MVN_OFFLINE:+-o} -pl converge-cli -am verify -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dstyle.color=never >"$log" 2>&1
  code=$?
  echo "run $i: mvn exit $code in $(( $(date +%s) - start )) s"
  grep -ah "Tests run:.*in dev.converge" "$log" | sed "s/^.*Tests run/  Tests run/"
  grep -aho "FIGURE .*" "$log" | sed 's/^/  /'
  rm -f "$log"
done
