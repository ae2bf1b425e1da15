#!/usr/bin/env bash
# Benchmark of `gongkai serve` (SPEC §10a): a generated site of N documents on a
# RAM-backed folder, several edits, medians of (a) debounced file event -> reload sent
# and (b) save -> served page shows the edit. Targets: 50 ms and 200 ms at 10,000.
# Usage: bench/serve.sh [N=10000] [EDITS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
EDITS="${2:-15}"
BASE=/dev/shm
[ -d "$BASE" ] && [ -w "$BASE" ] || BASE="${TMPDIR:-/tmp}"
SITE="$BASE/gongkai-serve-bench-$N"
cargo build --release --quiet
rm -rf "$SITE"
python3 bench/corpus.py "$N" "$SITE"
python3 bench/serve_bench.py target/release/gongkai "$SITE/gongkai" "$EDITS"
rm -rf "$SITE"
