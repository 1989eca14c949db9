#!/usr/bin/env bash
# A/B of process-wide settings that cannot change inside one JVM (glibc malloc thresholds, TensorFlow's
# CPU allocator, oneDNN, XLA auto-clustering): the trainer's LeNet step (`cnnlab bench tune --only trainer`)
# in a fresh process per setting, settings alternating, --repeats times; minor page faults from
# /usr/bin/time. Prints one line per process and a median table; writes OUT/env-ab.csv.
#
# usage: bench/env-ab.sh [--repeats 3] [--out reports/bench] [--model lenet-textbook] [--batch 256]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repeats=3 out=reports/bench model=lenet-textbook batch=256
while (($#)); do
  case $1 in
    --repeats) repeats=$2 ;;
    --out) out=$2 ;;
    --model) model=$2 ;;
    --batch) batch=$2 ;;
    *) echo "env-ab: unknown option '$1' (expected --repeats, --out, --model, --batch)" >&2; exit 2 ;;
  esac
  shift 2
done
[[ $repeats =~ ^[1-9][0-9]*$ ]] || { echo "env-ab: --repeats expects a positive integer, got '$repeats'" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "env-ab: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
TUNED=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483648
# name|environment (env -u GLIBC_TUNABLES first, so "default" really is glibc's default)
settings=(
  "default|"
  "malloc-tuned|GLIBC_TUNABLES=$TUNED"
  "tf-bfc-allocator|TF_CPU_ALLOCATOR_USE_BFC=true"
  "onednn-off|TF_ENABLE_ONEDNN_OPTS=0"
  "xla-auto-jit|TF_XLA_FLAGS=--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit"
  "onednn-system-allocator|TF_ONEDNN_USE_SYSTEM_ALLOCATOR=1"
  "onednn-bf16-math|TF_SET_ONEDNN_FPMATH_MODE=BF16"
)
if [[ -n ${ENV_AB_ONLY:-} ]]; then  # e.g. ENV_AB_ONLY="default onednn-bf16-math"
  kept=()
  for s in "${settings[@]}"; do [[ " $ENV_AB_ONLY " == *" ${s%%|*} "* ]] && kept+=("$s"); done
  settings=("${kept[@]}")
fi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# env-ab $(date -u +%FT%TZ) model=$model batch=$batch repeats=$repeats load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "setting,repeat,img_per_s,minor_faults,max_rss_kb" >"$tmp/raw.csv"
for ((r = 1; r <= repeats; r++)); do
  for s in "${settings[@]}"; do
    name=${s%%|*} envs=${s#*|}
    dir=$tmp/$name-$r
    args=(env -u GLIBC_TUNABLES)
    [[ -n $envs ]] && args+=("$envs")
    "${args[@]}" /usr/bin/time -o "$tmp/time" -f "%R %M" "$root/bin/cnnlab" bench tune --model "$model" \
      --batch "$batch" --only trainer --rounds 5 --steps 20 --out "$dir" >/dev/null 2>"$tmp/err" \
      || { echo "env-ab: $name failed:" >&2; tail -5 "$tmp/err" >&2; exit 1; }
    rate=$(awk -F, 'NR == 2 { print $7 }' "$dir/tune.csv")
    read -r faults rss <"$tmp/time"
    echo "$name,$r,$rate,$faults,$rss" | tee -a "$tmp/raw.csv"
  done
done
echo
echo "setting            median_img_per_s  median_minor_faults"
for s in "${settings[@]}"; do
  name=${s%%|*}
  med() { grep "^$name," "$tmp/raw.csv" | cut -d, -f"$1" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  printf '%-18s %16s %20s\n' "$name" "$(med 3)" "$(med 4)"
done
cp "$tmp/raw.csv" "$out/env-ab.csv"
echo "raw figures in $out/env-ab.csv; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
