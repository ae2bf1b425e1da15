#!/usr/bin/env bash
# Serve soak (issue 14): bench/soak.py on a 10,000-document real-size corpus.
#   bench/soak.sh [N=10000] [SECONDS=60]      needs wrk (apt-get install wrk)
set -euo pipefail
N=${1:-10000}
SECONDS_=${2:-60}
REAL=1
source "$(dirname "$0")/common.sh"
d=$(corpus "$N")
site="$work/soak-$N"
rm -rf "$site"
cp -r "$d/gongkai" "$site"
python3 "$here/soak.py" "$bin" "$site" "$SECONDS_"
rm -rf "$site"
