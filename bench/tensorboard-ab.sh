#!/usr/bin/env bash
# A/B of TensorBoard's event files (issue 26): `cnnlab train --epochs 1` (the textbook LeNet on Fashion-MNIST)
# with them (A) and with --no-tensorboard (B) in fresh processes, alternating A B, B A, ... for --pairs pairs.
# Per process: the whole command's wall time and metrics.csv's epoch wall time (training, evaluation,
# checkpoint; the event files' per-epoch histograms and end images come after it, in the command's time).
# Prints one line per process and the medians.
#
# usage: bench/tensorboard-ab.sh [--pairs 3] [--data-root datasets] [-- extra cnnlab train options]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pairs=3 data=datasets
while (($#)); do
  case $1 in
    --pairs) pairs=$2; shift 2 ;;
    --data-root) data=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "tensorboard-ab: unknown option '$1' (expected --pairs, --data-root, --)" >&2; exit 2 ;;
  esac
done
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "tensorboard-ab: --pairs expects a positive integer, got '$pairs'" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# tensorboard-ab $(date -u +%FT%TZ) pairs=$pairs load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "variant,pair,command_s,epoch_wall_s" | tee "$tmp/raw.csv"
run() { # variant pair [cnnlab train options]
  local v=$1 p=$2 extra=() t0 t1
  shift 2
  local out=$tmp/$v-$p
  [[ $v == B-off ]] && extra=(--no-tensorboard)
  t0=$(date +%s%N)
  "$root/bin/cnnlab" train --epochs 1 --data-root "$data" --out "$out" "${extra[@]}" "$@" >"$tmp/log" 2>&1 \
    || { echo "tensorboard-ab: $v failed:" >&2; tail -5 "$tmp/log" >&2; exit 1; }
  t1=$(date +%s%N)
  echo "$v,$p,$(awk "BEGIN { printf \"%.3f\", ($t1 - $t0) / 1e9 }"),$(awk -F, 'NR == 2 { printf "%.3f", $7 }' "$out/metrics.csv")" \
    | tee -a "$tmp/raw.csv"
}
for ((p = 1; p <= pairs; p++)); do
  if ((p % 2)); then run A-on "$p" "$@"; run B-off "$p" "$@"; else run B-off "$p" "$@"; run A-on "$p" "$@"; fi
done
echo
for v in A-on B-off; do
  for col in 3 4; do
    awk -F, -v v="$v" -v c="$col" '$1 == v { print $c }' "$tmp/raw.csv" | sort -n \
      | awk -v v="$v" -v c="$col" '{ x[NR] = $1 } END { m = NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2;
          printf "%s median %s %.3f s (min %.3f, max %.3f)\n", v, c == 3 ? "command" : "epoch", m, x[1], x[NR] }'
  done
done
