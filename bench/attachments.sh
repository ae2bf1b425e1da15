#!/usr/bin/env bash
# Attachments benchmark (issue #11): the build time that attachments add on a site of
# N documents where a tenth of the notices carry a 名单.xlsx and a 说明.docx
# (bench/corpus.py --attachments), read for the privacy check, the previews and search.
#
#   bench/attachments.sh [N=10000] [RUNS=5]
#
# Alternates, RUNS times: the corpus without attachments; with them and an empty
# extraction cache (.gongkai-cache removed: a first build); with them and the cache
# warm (a rebuild). Each build writes into an empty folder on /dev/shm. Medians and
# ranges of wall time, peak RSS. Needs python3 and GNU time.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
source "$(dirname "$0")/common.sh"
plain=$(corpus "$N")
att="$work/c$N-att"
if [ ! -f "$att/.done" ]; then
  rm -rf "$att"
  python3 "$here/corpus.py" "$N" "$att" --attachments
  touch "$att/.done"
fi
site="$att/gongkai"
files=$(find "$site/content" -name '*.xlsx' -o -name '*.docx' | wc -l)
bytes=$(find "$site/content" \( -name '*.xlsx' -o -name '*.docx' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
export GONGKAI_TODAY=2026-11-30
run() { # label site [cold]
  rm -rf "$work/a-out"
  [ "${3:-}" = cold ] && rm -rf "$2/.gongkai-cache"
  /usr/bin/time -f "%e %M" -o "$work/a-t.txt" "$bin" build --site "$2" --output "$work/a-out" >/dev/null 2>&1
  cat "$work/a-t.txt" >> "$work/a-$1.txt"
}
rm -f "$work"/a-plain.txt "$work"/a-cold.txt "$work"/a-warm.txt
run warm "$site" # fills the cache once before the first warm run
: > "$work/a-warm.txt"
for i in $(seq "$RUNS"); do
  run plain "$plain/gongkai"
  run cold "$site" cold
  run warm "$site"
done
stat() { # file -> "median (min–max) s, peak MB"
  local w; w=$(cut -d' ' -f1 "$1" | median)
  printf "median %s s (%s–%s), peak %d MB" "$w" "$(cut -d' ' -f1 "$1" | sort -n | head -1)" \
    "$(cut -d' ' -f1 "$1" | sort -n | tail -1)" $(( $(cut -d' ' -f2 "$1" | sort -n | tail -1) / 1024 ))
}
pw=$(cut -d' ' -f1 "$work/a-plain.txt" | median)
cw=$(cut -d' ' -f1 "$work/a-cold.txt" | median)
ww=$(cut -d' ' -f1 "$work/a-warm.txt" | median)
echo "documents: $N, attachments: $files (.xlsx and .docx, $((bytes / 1024)) KB), runs: $RUNS alternating, output on /dev/shm"
echo "no attachments:          $(stat "$work/a-plain.txt")"
echo "attachments, cold cache: $(stat "$work/a-cold.txt")  (+$(awk -v a="$cw" -v b="$pw" 'BEGIN{printf "%.0f", (a/b-1)*100}')%)"
echo "attachments, warm cache: $(stat "$work/a-warm.txt")  (+$(awk -v a="$ww" -v b="$pw" 'BEGIN{printf "%.0f", (a/b-1)*100}')%)"
