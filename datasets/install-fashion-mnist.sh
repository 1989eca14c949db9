#!/usr/bin/env bash
# Installs Fashion-MNIST into TARGET (default: datasets/fashion-mnist next to this script) and verifies it.
# Sources, first that works: the canonical mirror (gzipped IDX), the files of an installed Debian package
# dataset-fashion-mnist, then that package fetched with apt-get download, or where there is no apt-get (macOS,
# other distributions) from Debian's archive, and unpacked (dpkg -x, or ar and tar) without installing it.
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
debian_pool=https://deb.debian.org/debian/pool/main/d/dataset-fashion-mnist
debian_deb=dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb

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
    deb=""
    if command -v apt-get >/dev/null; then
      say "trying apt-get download dataset-fashion-mnist"
      # An image with empty package lists needs an update first (only root may run it).
      policy="$(apt-cache policy dataset-fashion-mnist 2>/dev/null || true)"
      if [[ ( "$policy" != *"Candidate: "* || "$policy" == *"Candidate: (none)"* ) && "$(id -u)" == 0 ]]; then
        apt-get update -qq > /dev/null 2>&1 || true
      fi
      if (cd "$tmp" && apt-get download -qq dataset-fashion-mnist > /dev/null 2>&1); then
        deb="$(find "$tmp" -maxdepth 1 -name 'dataset-fashion-mnist_*.deb' | head -n 1)"
      fi
    fi
    if [[ -z "$deb" ]]; then
      say "trying $debian_pool/$debian_deb"
      if fetch "$debian_pool/$debian_deb" "$tmp/$debian_deb"; then deb="$tmp/$debian_deb"; fi
    fi
    if [[ -n "$deb" ]] && unpack_deb "$deb" "$tmp/deb" && copy_from "$tmp/deb/$debian_dir"; then
      from="Debian package dataset-fashion-mnist ($(basename "$deb"))"
    else
      say "Fashion-MNIST could not be fetched: $mirror, 'apt-get download dataset-fashion-mnist' and $debian_pool failed."
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
