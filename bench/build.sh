#!/usr/bin/env bash
# Full-build benchmark, gongkai against Hugo in the same run (SPEC §10a).
# Alternates the two tools, takes medians, output on /dev/shm (RAM) so the disk's
# noise does not hide the program's cost.
#
#   bench/build.sh [N=10000] [RUNS=5]
#   BIG=1 bench/build.sh      also builds 100,000 documents (gongkai only) for linearity
#
# Needs python3, GNU time (/usr/bin/time) and hugo (apt-get install hugo) on PATH;
# without hugo it measures gongkai alone.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
source "$(dirname "$0")/common.sh"

measure() { # label, command... -> appends "seconds kb" to $work/label.txt
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
  cat "$work/t.txt" >> "$work/$label.txt"
}

d=$(corpus "$N")
rm -f "$work"/gongkai.txt "$work"/hugo.txt "$work"/cold-g.txt "$work"/cold-h.txt
have_hugo=0; command -v hugo >/dev/null && have_hugo=1
# First builds into no output at all (reported apart), then the measured runs: each tool
# writes over its own previous output, as a secretary's repeated builds do (gongkai
# keeps the output it replaces as .out-g.prev and writes over that; Hugo writes in place).
rm -rf "$work/out-g" "$work/.out-g.prev" "$work/out-h"
measure cold-g "$bin" build --site "$d/gongkai" --output "$work/out-g"
[ $have_hugo = 1 ] && measure cold-h hugo --quiet --source "$d/hugo" -d "$work/out-h"
for i in $(seq "$RUNS"); do
  measure gongkai "$bin" build --site "$d/gongkai" --output "$work/out-g"
  if [ $have_hugo = 1 ]; then
    measure hugo hugo --quiet --source "$d/hugo" -d "$work/out-h"
  fi
done
g_t=$(cut -d' ' -f1 "$work/gongkai.txt" | median)
g_m=$(cut -d' ' -f2 "$work/gongkai.txt" | sort -n | tail -1)
echo "documents: $N, runs: $RUNS (alternating), output on /dev/shm"
printf "gongkai  median %s s  peak %d MB  (%s pages)\n" "$g_t" $((g_m / 1024)) "$(find "$work/out-g" -name '*.html' | wc -l)"
if [ $have_hugo = 1 ]; then
  h_t=$(cut -d' ' -f1 "$work/hugo.txt" | median)
  h_m=$(cut -d' ' -f2 "$work/hugo.txt" | sort -n | tail -1)
  printf "hugo     median %s s  peak %d MB  (%s pages; %s)\n" "$h_t" $((h_m / 1024)) "$(find "$work/out-h" -name '*.html' | wc -l)" "$(hugo version | cut -d' ' -f2)"
  awk -v g="$g_t" -v h="$h_t" 'BEGIN { printf "ratio    gongkai/hugo = %.2fx (target <= 0.25x)\n", g / h }'
  printf "first build into no output: gongkai %s s, hugo %s s\n" "$(cut -d' ' -f1 "$work/cold-g.txt")" "$(cut -d' ' -f1 "$work/cold-h.txt")"
fi

# The 30-document example site, start to exit.
rm -f "$work/example.txt"
for i in $(seq "$RUNS"); do measure example "$bin" build --site "$root" --output "$work/out-ex"; done
printf "example site  median %s s (target < 0.150 s)\n" "$(cut -d' ' -f1 "$work/example.txt" | median)"

if [ "${BIG:-0}" = 1 ]; then
  b=$(corpus 100000)
  rm -f "$work/big.txt"
  for i in 1 2 3; do measure big "$bin" build --site "$b/gongkai" --output "$work/out-big"; done
  big_t=$(cut -d' ' -f1 "$work/big.txt" | median)
  printf "100,000 documents: median %s s, peak %d MB\n" "$big_t" $(( $(cut -d' ' -f2 "$work/big.txt" | sort -n | tail -1) / 1024 ))
  awk -v b="$big_t" -v g="$g_t" 'BEGIN { printf "growth   100k/10k = %.1fx (target <= 11x)\n", b / g }'
fi
