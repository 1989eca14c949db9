#!/usr/bin/env bash
# Installs CIFAR-100 (binary version) into TARGET (default: datasets/cifar-100 next to this script).
#   install-cifar100.sh [TARGET] [SOURCE]
# SOURCE (or the CIFAR100 environment variable) is a local cifar-100-binary.tar.gz or a folder holding
# train.bin and test.bin. Without one, the canonical archive is downloaded when reachable.
# No registry packages CIFAR-100, so when neither works this prints how to get it and exits 3.
# Checks: the archive's published MD5, record size (3,074 bytes), record counts 50,000/10,000. Its SHA-256
# manifest (TARGET/SHA256SUMS) is written at first install (trust on first use) and checked afterwards.
set -euo pipefail
SCRIPT_NAME=install-cifar100
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=datasets/lib.sh
source "$here/lib.sh"
target="${1:-$here/cifar-100}"
source_path="${2:-${CIFAR100:-}}"
url=https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz
archive_md5=eb9058c3a382ffc7106e4002c42a8d85
record=3074

# check_bin FILE COUNT: COUNT whole records of 3,074 bytes.
check_bin() {
  local size; size="$(stat -c %s "$1")"
  if [[ "$size" != $(($2 * record)) ]]; then
    say "$1: $size bytes, expected $2 records x $record bytes = $(($2 * record))"; return 1
  fi
  say "$(basename "$1"): $2 records"
}

corrupt=""
if [[ -f "$target/SHA256SUMS" ]]; then
  if verify_manifest "$target" "$target/SHA256SUMS" quiet; then
    say "$target: already installed and verified (delete it to install another copy)"
    exit 0
  fi
  corrupt="$target no longer matches its SHA256SUMS (written at first install)"
  say "$corrupt; reinstalling"
fi

stage="$(stage_for "$target")"
tmp="$(mktemp -d)"
trap 'rm -rf -- "$stage" "$tmp"' EXIT

# unpack_archive TGZ: checks the published MD5, then extracts the .bin files and the class-name lists.
unpack_archive() {
  local md5; md5="$(md5sum < "$1" | cut -d' ' -f1)"
  if [[ "$md5" != "$archive_md5" ]]; then
    say "$1: MD5 $md5, but the published cifar-100-binary.tar.gz has $archive_md5; not installing it"; return 1
  fi
  tar -xzf "$1" -C "$tmp" || { say "$1: not a readable tar.gz"; return 1; }
  local dir="$tmp/cifar-100-binary" f
  for f in train.bin test.bin coarse_label_names.txt fine_label_names.txt; do
    [[ -f "$dir/$f" ]] || { say "$1: has no cifar-100-binary/$f"; return 1; }
    cp -- "$dir/$f" "$stage/$f"
  done
}

from=""
if [[ -n "$source_path" ]]; then
  if [[ -d "$source_path" ]]; then
    for f in train.bin test.bin; do
      [[ -f "$source_path/$f" ]] || { say "$source_path: has no $f (expected train.bin and test.bin of the binary version)"; exit 1; }
      cp -- "$source_path/$f" "$stage/$f"
    done
    for f in coarse_label_names.txt fine_label_names.txt; do
      if [[ -f "$source_path/$f" ]]; then cp -- "$source_path/$f" "$stage/$f"; fi
    done
  elif [[ -f "$source_path" ]]; then
    unpack_archive "$source_path" || exit 1
  else
    say "CIFAR100=$source_path: no such file or folder (expected cifar-100-binary.tar.gz or a folder with train.bin, test.bin)"
    exit 1
  fi
  from="$source_path"
elif fetch "$url" "$tmp/cifar-100-binary.tar.gz"; then
  unpack_archive "$tmp/cifar-100-binary.tar.gz" || exit 1
  from="$url"
elif [[ -n "$corrupt" ]]; then
  say "$corrupt, and no source to reinstall from: make datasets CIFAR100=/path/to/cifar-100-binary.tar.gz"
  exit 1
elif [[ -f "$target/train.bin" && -f "$target/test.bin" ]]; then
  # Installed by hand without a manifest: check what can be checked, then record it.
  cp -- "$target"/*.bin "$stage/"
  cp -- "$target"/*.txt "$stage/" 2>/dev/null || true
  from="files already in $target"
else
  say "CIFAR-100 is MISSING: no registry packages it and $url is not reachable from here."
  say "  To install it, download cifar-100-binary.tar.gz (the binary version, MD5 $archive_md5) from"
  say "  https://www.cs.toronto.edu/~kriz/cifar.html on a machine with internet, then run"
  say "  make datasets CIFAR100=/path/to/cifar-100-binary.tar.gz   (or a folder holding train.bin and test.bin)"
  exit 3
fi

check_bin "$stage/train.bin" 50000
check_bin "$stage/test.bin" 10000
(cd "$stage" && sha256sum train.bin test.bin > SHA256SUMS)
replace_with "$stage" "$target"
say "$target: installed from $from; SHA256SUMS written (trust on first use), record counts checked"
