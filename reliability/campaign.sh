#!/usr/bin/env bash
# The whole reliability campaign of issue 10 in one command (not part of `mvn verify`): the engine
# fault matrix and the operator campaign rewrite their sections of docs/RELIABILITY.md; the lock,
# concurrency and crash scenarios print their per-run figures (the "Concurrency and crashes" table).
# Usage: reliability/campaign.sh [runs]   (default 5; takes about an hour at 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
reliability/run.sh "$runs"
reliability/rollout.sh "$runs"
reliability/crashes.sh "$runs"
