#!/usr/bin/env bash
# Installs Fashion-MNIST into TARGET (default: datasets/fashion-mnist next to this script) and verifies it.
# Sources, first that works: the canonical mirror (gzipped IDX), the files of an installed Debian package
# dataset-fashion-mnist, then that package fetched with apt-get download and unpacked with dpkg -x (no install).
# Debian recompressed the .gz files: the manifest holds checksums of the decompressed content.
set -euo pipefail
SCRIPT_NAME=install-fashion-mnist
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=datasets/lib.sh
source "$here/lib.sh"
target="${1:-$here/fashion-mnist}"
manifest="$here/fashion-mnist.sha256"
files=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
mirror=http://fashion-mnist.s3-website.eu-central-1.amazonaws.com
debian_dir=usr/share/datasets/fashion-mnist

if [[ -d "$target" ]] && verify_manifest "$target" "$manifest" quiet; then
  say "$target: already installed and verified"
  exit 0
fi

stage="$(stage_for "$target")"
tmp="$(mktemp -d)"
trap 'rm -rf -- "$stage" "$tmp"' EXIT

copy_from() { local f; for f in "${files[@]}"; do cp -- "$1/$f" "$stage/$f" || return 1; done; }

from=""
if fetch_all "$mirror" "$stage" "${files[@]}"; then
  from="$mirror"
else
  rm -f -- "$stage"/*
  say "$mirror not reachable"
  if [[ -f "/$debian_dir/${files[0]}" ]] && copy_from "/$debian_dir"; then
    from="installed Debian package (/$debian_dir)"
  else
    rm -f -- "$stage"/*
    say "trying apt-get download dataset-fashion-mnist"
    # An image with empty package lists needs an update first (only root may run it).
    if [[ -z "$(apt-cache policy dataset-fashion-mnist 2>/dev/null | grep Candidate | grep -v none)" && "$(id -u)" == 0 ]]; then
      apt-get update -qq > /dev/null 2>&1 || true
    fi
    if (cd "$tmp" && apt-get download -qq dataset-fashion-mnist > /dev/null 2>&1) \
        && dpkg -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/deb" && copy_from "$tmp/deb/$debian_dir"; then
      from="Debian package dataset-fashion-mnist ($(basename "$tmp"/dataset-fashion-mnist_*.deb))"
    else
      say "Fashion-MNIST could not be fetched: $mirror is not reachable and 'apt-get download dataset-fashion-mnist' failed."
      say "Get ${files[*]} from https://github.com/zalandoresearch/fashion-mnist and put them in $target"
      exit 3
    fi
  fi
fi

check_mnist_layout "$stage"
if ! verify_manifest "$stage" "$manifest"; then
  say "Fashion-MNIST from $from does not match $manifest; nothing installed"
  exit 1
fi
replace_with "$stage" "$target"
say "$target: installed from $from, verified against $(basename "$manifest")"
