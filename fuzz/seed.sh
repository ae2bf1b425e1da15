#!/usr/bin/env bash
# Seeds the fuzz corpora from the project's own material: the example site's documents
# and disclosure.lock-like records, and Office files made by bench/corpus.py.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/frontmatter corpus/scanners corpus/lock corpus/attachments corpus/import corpus/search
for f in ../content/*/*.md ../content/*/*/index.md; do
  [ -f "$f" ] || continue
  cp "$f" "corpus/frontmatter/$(basename "$(dirname "$f")")-$(basename "$f")"
  cp "$f" "corpus/scanners/$(basename "$(dirname "$f")")-$(basename "$f")"
done
head -c 4000 ../../shared/samples/union-work-plans-2023.txt > corpus/scanners/sample.txt || true
cp corpus/scanners/* corpus/search/ 2>/dev/null || true
printf '[\n]\n' > corpus/lock/empty
tmp=$(mktemp -d)
python3 ../bench/corpus.py 40 "$tmp" --attachments >/dev/null
n=0
for f in $(find "$tmp" -name '*.docx' -o -name '*.xlsx' | head -8); do
  n=$((n + 1))
  cp "$f" "corpus/import/$n.docx"
  { printf '\002'; cat "$f"; } > "corpus/attachments/docx-$n"
  { printf '\001'; cat "$f"; } > "corpus/attachments/xlsx-$n"
done
rm -rf "$tmp"
# A lock written by a real build.
site=$(mktemp -d)
printf 'title: t\nbase_url: https://e.org/\ncontact: c\n' > "$site/site.yaml"
mkdir -p "$site/content/notices"
printf -- '---\ntitle: 甲\ndate: 2023-06-01\n---\n\n正文。\n' > "$site/content/notices/a.md"
printf '[\n]\n' > "$site/disclosure.lock"
GONGKAI_TODAY=2023-06-15 cargo run --quiet --manifest-path ../Cargo.toml -- build --site "$site" >/dev/null
cp "$site/disclosure.lock" corpus/lock/one
rm -rf "$site"
