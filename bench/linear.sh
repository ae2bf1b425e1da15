#!/usr/bin/env bash
# Time `gongkai check` on hostile single documents of growing size (issue 14): each
# case at N and 10N should take about ten times as long, never a hundred.
# Usage: bench/linear.sh [BINARY]   (default: the release build)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:-}
if [ -z "$bin" ]; then
  (cd "$here/.." && cargo build --release --quiet)
  bin="$here/../target/release/gongkai"
fi
work=/dev/shm/gongkai-linear-$$
limit=${LIMIT:-60}
run() { # case n
  local d="$work/$1-$2"
  rm -rf "$d"
  python3 "$here/linear.py" "$1" "$2" "$d"
  local t0 t1 bytes rc=0
  t0=$(date +%s.%N)
  bytes=$(timeout "$limit" "$bin" check --site "$d" 2>&1 | wc -c) || rc=$?
  t1=$(date +%s.%N)
  printf '%-9s %9s  %7.2f s  %10s bytes of output%s\n' "$1" "$2" \
    "$(echo "$t1 - $t0" | bc)" "$bytes" "$([ "$rc" = 124 ] && echo '  (TIMEOUT)')"
  rm -rf "$d"
}
for c in ${CASES:-keys blanks mobiles links headings lines}; do
  run "$c" 5000
  run "$c" 50000
done
run oneline 2000
run nested 100000
run random 10000000
