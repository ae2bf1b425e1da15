#!/usr/bin/env bash
# Benchmark of `gongkai serve` (SPEC §10a): a generated site of N documents on a
# RAM-backed folder, several edits, medians of (a) debounced file event -> reload sent
# and (b) save -> served page shows the edit, and the time serve takes to bring its
# search index up to date after each save. Targets: 50 ms and 100 ms at 10,000.
# REAL=1: documents of real size and shape (bench/corpus.py --real).
# Usage: [REAL=1] bench/serve.sh [N=10000] [EDITS=15]
set -euo pipefail
N="${1:-10000}"
EDITS="${2:-15}"
source "$(dirname "$0")/common.sh"
d=$(corpus "$N")
site="$work/serve-$N${REAL:+-real}"
rm -rf "$site"
cp -r "$d/gongkai" "$site"
GONGKAI_SERVE_PROFILE=1 python3 "$here/serve_bench.py" "$bin" "$site" "$EDITS"
rm -rf "$site"
