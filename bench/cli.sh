#!/usr/bin/env bash
# Measures the converge CLI's wall time end to end through the ./converge launcher and rewrites the
# "## CLI" section of docs/BENCHMARKS.md. Usage: bench/cli.sh [runs]   (default 5)
# The launcher builds the jar and records the AppCDS archive first (not timed).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
doc=docs/BENCHMARKS.md

./converge version >/dev/null 2>&1   # build + class-data archive, untimed

# Prints "median min max" in ms of $runs runs of the command; fails if any run fails.
measure() {
  local times=() s e
  for _ in $(seq "$runs"); do
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "${sorted[$(( runs / 2 ))]} ${sorted[0]} ${sorted[$(( runs - 1 ))]} ${times[*]}"
}

read -r v_med v_min v_max v_all < <(measure ./converge version)
# Peer: the cold start of the tool users run instead (a native Go binary, no JVM).
k_med=""; k_min=""; k_max=""; k_all="kubectl not on PATH"
if command -v kubectl >/dev/null; then
  read -r k_med k_min k_max k_all < <(measure kubectl version --client)
fi
read -r a_med a_min a_max a_all < <(measure ./converge apply -f examples/bookshop --cluster embedded)
read -r n_med n_min n_max n_all < <(CONVERGE_NO_CDS=1 measure ./converge apply -f examples/bookshop --cluster embedded)
load=$(cut -d' ' -f1 /proc/loadavg)
ratio() { if [[ -n "$2" && "$2" != 0 ]]; then python3 -c "print(f'{$1/$2:.1f}×')"; else echo n/a; fi; }
met() { if (( $1 <= $2 )); then echo met; else echo "not met"; fi; }

section=$(cat <<MD
<!-- bench:cli:begin -->
## CLI

Measured $(date -u +%F) on $(nproc) cores, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), load average ${load} at the end (a shared machine); wall time of the whole process through the \`./converge\` launcher (JVM start, in-process sandbox with simulated controllers, validation, apply of the 10 objects of examples/bookshop and the wait until every one is CURRENT, shutdown), ${runs} runs each.
Command: \`bench/cli.sh ${runs}\`.

| metric | median (min–max) ms | runs (ms) | target | met |
|---|---|---|---|---|
| \`converge version\` | ${v_med} (${v_min}–${v_max}) | ${v_all} | ≤ 500 | $(met "$v_med" 500) |
| peer: \`kubectl version --client\` | ${k_med} (${k_min}–${k_max}) | ${k_all} | | converge/kubectl $(ratio "$v_med" "$k_med") |
| \`converge apply -f examples/bookshop --cluster embedded\` | ${a_med} (${a_min}–${a_max}) | ${a_all} | ≤ 4000 | $(met "$a_med" 4000) |
| same, without the AppCDS archive (\`CONVERGE_NO_CDS=1\`) | ${n_med} (${n_min}–${n_max}) | ${n_all} |  |  |

The launcher runs C1 only (\`-XX:TieredStopAtLevel=1\`) and maps the class-data archive it records
once per build (\`-XX:ArchiveClassesAtExit\`, then \`-XX:SharedArchiveFile\`); \`version\` answers
before picocli builds its command model. The embedded sandbox serves plain HTTP to its in-process
client (no key generation or handshakes). About 1.5 s of the apply is the simulated cluster itself
(pod start delay 200 ms, Job run time 500 ms, StatefulSet and rollout steps).
<!-- bench:cli:end -->
MD
)

if grep -q '<!-- bench:cli:begin -->' "$doc"; then
  python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r'<!-- bench:cli:begin -->.*?<!-- bench:cli:end -->', lambda m: section, text, flags=re.S)
open(path, 'w').write(text)
PY
else
  printf '\n%s\n' "$section" >> "$doc"
fi
echo "version median ${v_med} ms; apply median ${a_med} ms (without CDS ${n_med} ms)"
