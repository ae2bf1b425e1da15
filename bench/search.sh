#!/usr/bin/env bash
# Search benchmark (issue #6): index size, bytes downloaded per query, the share of the
# build time the index takes, and a recall check at scale.
#
#   bench/search.sh [N=10000] [RUNS=5] [RANDOM_QUERIES=100]
#   RICH=1 bench/search.sh ...   the corpus with a larger vocabulary (corpus.py --rich,
#                                sentences of ../shared/samples and people's names)
#
# Corpus: bench/corpus.py (the build benchmark's), output on /dev/shm. Builds the same
# site with and without search (`search: false`), alternating, medians of wall and CPU
# time. Queries: a fixed list plus phrases copied out of random documents
# (bench/search_queries.py); each is run by search.js's own engine in node
# (tests/browser/search-node.mjs) as on a freshly loaded page, counting the bytes it
# downloads after meta.json for the first page of 10 results; then every query is run
# to the end and its documents compared with a brute-force scan of the stored text.
# Needs python3, node, GNU time.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
NQ=${3:-100}
source "$(dirname "$0")/common.sh"
d=$(corpus "$N" ${RICH:+rich})
off="$d-nosearch"
rm -rf "$off" && mkdir -p "$off"
ln -s "$d/gongkai/content" "$off/content"
{ cat "$d/gongkai/site.yaml"; echo "search: false"; } > "$off/site.yaml"

rm -f "$work"/s-on.txt "$work"/s-off.txt
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %U %S %M" -o "$work/s-t.txt" "$bin" build --site "$d/gongkai" --output "$work/s-out-on" >/dev/null
  cat "$work/s-t.txt" >> "$work/s-on.txt"
  /usr/bin/time -f "%e %U %S %M" -o "$work/s-t.txt" "$bin" build --site "$off" --output "$work/s-out-off" >/dev/null
  cat "$work/s-t.txt" >> "$work/s-off.txt"
done
on_w=$(cut -d' ' -f1 "$work/s-on.txt" | median); off_w=$(cut -d' ' -f1 "$work/s-off.txt" | median)
on_c=$(awk '{print $2+$3}' "$work/s-on.txt" | median); off_c=$(awk '{print $2+$3}' "$work/s-off.txt" | median)
on_m=$(cut -d' ' -f4 "$work/s-on.txt" | sort -n | tail -1); off_m=$(cut -d' ' -f4 "$work/s-off.txt" | sort -n | tail -1)
s="$work/s-out-on/search"
echo "documents: $N${RICH:+ (rich vocabulary)}, runs: $RUNS (alternating with/without search), output on /dev/shm"
printf "build with search     median wall %s s, cpu %s s, peak %d MB\n" "$on_w" "$on_c" $((on_m / 1024))
printf "build without search  median wall %s s, cpu %s s, peak %d MB\n" "$off_w" "$off_c" $((off_m / 1024))
awk -v a="$on_w" -v b="$off_w" -v c="$on_c" -v e="$off_c" 'BEGIN { printf "index build share     +%.0f%% wall, +%.0f%% cpu (target <= 20%%)\n", (a / b - 1) * 100, (c / e - 1) * 100 }'

sizes() { find "$1" -type f -printf '%s\n' | sort -n | awk -v l="$2" '{a[NR]=$1; t+=$1} END {if (NR) printf "%-22s %6d files %8.1f KB  (median %.1f KB, max %.1f KB)\n", l, NR, t/1024, a[int((NR+1)/2)]/1024, a[NR]/1024}'; }
echo "index size:"
sizes "$s/g" "  shards g/"
sizes "$s/h" "  common grams h/"
sizes "$s/d" "  documents d/"
printf "  meta.json              %.1f KB\n" "$(($(stat -c %s "$s/meta.json")))e-3"
printf "  total                  %.1f MB\n" "$(du -sb "$s" | cut -f1)e-6"

python3 "$here/search_queries.py" make "$s" "$NQ" > "$work/s-queries.json"
node "$root/tests/browser/search-node.mjs" "$root/themes/default/static/search.js" "$s/" "$work/s-queries.json" page > "$work/s-page.jsonl"
node "$root/tests/browser/search-node.mjs" "$root/themes/default/static/search.js" "$s/" "$work/s-queries.json" all > "$work/s-all.jsonl"
python3 "$here/search_queries.py" check "$s" "$work/s-queries.json" "$work/s-all.jsonl" "$work/s-page.jsonl"
