#!/usr/bin/env bash
# Full-build benchmark, gongkai against Hugo in the same run (SPEC §10a).
# Alternates the two tools, takes medians, output on /dev/shm (RAM) so the disk's
# noise does not hide the program's cost.
#
#   bench/build.sh [N=10000] [RUNS=5]
#   REAL=1 bench/build.sh     documents of real size and shape (corpus.py --real)
#   BIG=1 bench/build.sh      also builds 10 x N documents (gongkai only) for linearity
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
# Each run: a first build of each tool into no output at all, then a rebuild over its
# previous output, as a secretary's repeated builds do (gongkai keeps the output it
# replaces as .out-g.prev and writes over that; Hugo writes in place). The tools
# alternate, so that a slower minute of the machine falls on both.
for i in $(seq "$RUNS"); do
  rm -rf "$work/out-g" "$work/.out-g.prev" "$work/.out-g.build"
  measure cold-g "$bin" build --site "$d/gongkai" --output "$work/out-g"
  if [ $have_hugo = 1 ]; then
    rm -rf "$work/out-h"
    measure cold-h hugo --quiet --source "$d/hugo" -d "$work/out-h"
  fi
  measure gongkai "$bin" build --site "$d/gongkai" --output "$work/out-g"
  if [ $have_hugo = 1 ]; then
    measure hugo hugo --quiet --source "$d/hugo" -d "$work/out-h"
  fi
done
stats() { # file -> "median (min-max)"
  local f=$1
  printf "%s s (%s-%s)" "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f1 "$f" | sort -n | head -1)" "$(cut -d' ' -f1 "$f" | sort -n | tail -1)"
}
peak() { echo $(( $(cut -d' ' -f2 "$1" | sort -n | tail -1) / 1024 )); }
g_t=$(cut -d' ' -f1 "$work/gongkai.txt" | median)
gc_t=$(cut -d' ' -f1 "$work/cold-g.txt" | median)
echo "documents: $N, runs: $RUNS (alternating), output on /dev/shm"
printf "gongkai  rebuild %s  first build %s  peak %d MB (target <= 250 MB)  (%s pages)\n" "$(stats "$work/gongkai.txt")" "$(stats "$work/cold-g.txt")" "$(peak "$work/gongkai.txt")" "$(find "$work/out-g" -name '*.html' | wc -l)"
if [ $have_hugo = 1 ]; then
  h_t=$(cut -d' ' -f1 "$work/hugo.txt" | median)
  hc_t=$(cut -d' ' -f1 "$work/cold-h.txt" | median)
  printf "hugo     rebuild %s  first build %s  peak %d MB  (%s pages; %s)\n" "$(stats "$work/hugo.txt")" "$(stats "$work/cold-h.txt")" "$(peak "$work/hugo.txt")" "$(find "$work/out-h" -name '*.html' | wc -l)" "$(hugo version | cut -d' ' -f2)"
  awk -v g="$g_t" -v h="$h_t" -v gc="$gc_t" -v hc="$hc_t" 'BEGIN { printf "ratio    gongkai/hugo: rebuild %.2fx, first build %.2fx (target <= 0.25x)\n", g / h, gc / hc }'
fi

# The 30-document example site, start to exit.
rm -f "$work/example.txt"
for i in $(seq "$RUNS"); do measure example "$bin" build --site "$root" --output "$work/out-ex"; done
printf "example site  %s (target < 0.050 s)\n" "$(stats "$work/example.txt")"

if [ "${BIG:-0}" = 1 ]; then
  b=$(corpus $((N * 10)))
  rm -f "$work/big.txt"
  rm -rf "$work/out-big" "$work/.out-big.prev" "$work/big-cold.txt"
  measure big-cold "$bin" build --site "$b/gongkai" --output "$work/out-big"
  for i in $(seq "$RUNS"); do measure big "$bin" build --site "$b/gongkai" --output "$work/out-big"; done
  big_t=$(cut -d' ' -f1 "$work/big.txt" | median)
  printf "%d documents: rebuild %s, first build %s, peak %d MB (target <= 1500 MB)\n" $((N * 10)) "$(stats "$work/big.txt")" "$(stats "$work/big-cold.txt")" "$(peak "$work/big.txt")"
  awk -v b="$big_t" -v g="$g_t" 'BEGIN { printf "growth   10x the documents: %.1fx the time (target <= 10.5x)\n", b / g }'
  # 7 GB of output and its kept predecessor, in RAM: not left behind.
  rm -rf "$work/out-big" "$work/.out-big.prev" "$work/.out-big.build"
fi
