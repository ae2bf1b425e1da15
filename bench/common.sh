# Shared by the benchmark scripts (sourced): the release binary, the work folder on
# /dev/shm, generated corpora kept between runs, and medians.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
work=/dev/shm/gongkai-bench
mkdir -p "$work"
(cd "$root" && cargo build --release --quiet)
bin="$root/target/release/gongkai"

# corpus N [rich] -> the folder of an N-document corpus (bench/corpus.py), made once;
# `rich` mixes in the sample plans' sentences and names (corpus.py --rich). REAL=1:
# documents of real size and shape (corpus.py --real).
corpus() {
  local d="$work/c$1" extra=()
  if [ -n "${REAL:-}" ]; then
    d="$d-real"
    extra+=(--real)
  fi
  if [ "${2:-}" = rich ]; then
    d="$d-rich"
    extra+=(--rich "$root/../shared/samples/union-work-plans-2023.txt")
  fi
  if [ ! -f "$d/.done" ]; then
    rm -rf "$d"
    python3 "$here/corpus.py" "$1" "$d" "${extra[@]}"
    touch "$d/.done"
  fi
  echo "$d"
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
