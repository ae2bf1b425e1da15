#!/usr/bin/env bash
# Lighthouse (mobile) over every page kind of the example site, with Debian's Chromium:
# prints the four scores of each page and the page weight (issue 16).
#   bench/lighthouse.sh          needs chromium (apt-get install chromium) and npm
# Lighthouse is installed once into bench/out/lighthouse (not into the project).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ ! -x "$out/lighthouse/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$out/lighthouse"
  (cd "$out/lighthouse" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error lighthouse)
fi
lh="$out/lighthouse/node_modules/.bin/lighthouse"
cargo build --release --quiet
site="$out/lh-site"
rm -rf "$site"
target/release/gongkai build --output "$site" --base-url http://127.0.0.1:8765/ >/dev/null
python3 -m http.server 8765 --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/8765) 2>/dev/null && break; sleep 0.1; done
notice=$(find "$site/notices" -mindepth 2 -name index.html -not -path "*/page/*" | sort | head -1 | sed "s|$site||; s|index.html||")
plan=$(find "$site/plans" -mindepth 2 -name index.html -not -path "*/page/*" | sort | head -1 | sed "s|$site||; s|index.html||")
month=$(find "$site/archive" -mindepth 3 -name index.html | sort | head -1 | sed "s|$site||; s|index.html||")
category=$(find "$site/categories" -mindepth 2 -name index.html -not -path "*/page/*" | sort | head -1 | sed "s|$site||; s|index.html||")
printf "%-44s %5s %5s %5s %5s %10s %8s %6s %9s\n" page perf a11y best seo weight html cls unused-css
for p in / "$notice" "$plan" "$month" "$category" "/search/?q=%E5%B7%A5%E4%BC%9A"; do
  json="$out/lh.json"
  CHROME_PATH=/usr/bin/chromium "$lh" "http://127.0.0.1:8765$p" --quiet --output=json --output-path="$json" \
    --form-factor=mobile --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" >"$out/lh.log" 2>&1 || { echo "$p: lighthouse failed (see $out/lh.log)"; tail -3 "$out/lh.log"; continue; }
  python3 - "$json" "$p" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
s = lambda k: round((c[k]["score"] or 0) * 100)
a = r["audits"]
weight = a["total-byte-weight"]["numericValue"]
# The document's own bytes (as sent, uncompressed by http.server).
html = next((i["transferSize"] for i in a["network-requests"]["details"]["items"]
             if i.get("resourceType") == "Document"), 0)
cls = a["cumulative-layout-shift"]["numericValue"]
unused = (a.get("unused-css-rules", {}).get("details") or {}).get("overallSavingsBytes", 0)
print(f"{sys.argv[2][:44]:<44} {s('performance'):5} {s('accessibility'):5} {s('best-practices'):5} {s('seo'):5}"
      f" {weight/1024:7.1f} KB {html/1024:5.1f} KB {cls:6.3f} {unused/1024:6.1f} KB")
failed = [k for k, v in a.items() if v.get("score") is not None and v["score"] < 1
          and v.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
if failed:
    print("    short of 1:", ", ".join(sorted(failed)))
PY
done
