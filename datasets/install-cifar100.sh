#!/usr/bin/env bash
# Installs CIFAR-100 into TARGET (default: datasets/cifar-100 next to this script) in the binary layout cnnlab
# reads: train.bin, test.bin, coarse_label_names.txt, fine_label_names.txt.
#   install-cifar100.sh [TARGET] [SOURCE]
# SOURCE (or the CIFAR100 environment variable) is one of the two published archives (cifar-100-binary.tar.gz or
# cifar-100-python.tar.gz, each checked against its own published MD5), a folder in either layout (binary:
# train.bin, test.bin; python: the pickles train, test, meta) or a folder holding one of those, such as a
# torchvision root. Without SOURCE the Keras cache ($KERAS_HOME or ~/.keras, datasets/) is looked in, then the
# archives are downloaded when reachable: the canonical host, the host it redirects to, PyTorch's mirror.
# The python layout is converted by `bin/cnnlab datasets convert-cifar100` (built first when it is not).
# No registry packages CIFAR-100, so when nothing works this prints how to get it and exits 3.
# Checks: the archive's published MD5, record size (3,074 bytes), record counts 50,000/10,000. Its SHA-256
# manifest (TARGET/SHA256SUMS) is written at first install (trust on first use) and checked afterwards;
# TARGET/SOURCE says where it came from. The places are tried in io.cnnlab.data.Cifar100Sources's order: keep
# the two in step.
set -euo pipefail
SCRIPT_NAME=install-cifar100
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=datasets/lib.sh
source "$here/lib.sh"
target="${1:-$here/cifar-100}"
source_path="${2:-${CIFAR100:-}}"
keras_datasets="${KERAS_HOME:-$HOME/.keras}/datasets"
keras_places=("$keras_datasets/cifar-100-python.tar.gz" "$keras_datasets/cifar-100-python-target_archive"
  "$keras_datasets/cifar-100-python" "$keras_datasets/cifar-100-python-target/cifar-100-python")
# The published MD5s of the archives and of the python layout's train and test pickles (the latter reported, not
# required: folders are trusted on first use). Sources are named in the commit that added them.
binary_md5=03b5dce01913d631647c71ecec9e9cb8
python_md5=eb9058c3a382ffc7106e4002c42a8d85
python_train_md5=16019d7e3df5f24257cddd939b257f8d
python_test_md5=f0ef6b0ae62326f3e7ffdfab6717acfc
urls=(https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz https://cave.cs.toronto.edu/kriz/cifar-100-binary.tar.gz
  https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz https://cave.cs.toronto.edu/kriz/cifar-100-python.tar.gz
  https://ossci-datasets.s3.amazonaws.com/cifar-100-python.tar.gz)
record=3074

# check_bin FILE COUNT: COUNT whole records of 3,074 bytes.
check_bin() {
  local size; size="$(wc -c < "$1" | tr -d ' ')"
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
from=""

# take_binary DIR [names]: copies train.bin, test.bin and the class-name lists (required with "names").
take_binary() {
  local dir="$1" f
  for f in train.bin test.bin coarse_label_names.txt fine_label_names.txt; do
    if [[ -f "$dir/$f" ]]; then
      cp -- "$dir/$f" "$stage/$f"
    elif [[ "$f" == *.bin || "${2:-}" == names ]]; then
      say "$dir: has no $f"; return 1
    fi
  done
}

# convert_python DIR: the python layout's pickles into the stage, by io.cnnlab.data.Cifar100Pickles.
convert_python() {
  cnnlab datasets convert-cifar100 --from "$1" --to "$stage" >&2 || return 1
}

# Whether a python-layout folder holds the published pickles (said, not required).
python_md5_note() {
  if [[ "$(digest --md5 "$1/train")" == "$python_train_md5" && "$(digest --md5 "$1/test")" == "$python_test_md5" ]]; then
    echo "train and test have the published MD5s"
  else
    echo "train and test differ from the published cifar-100-python files; trusted on first use"
  fi
}

# install_archive FILE: an archive with one of the two published MD5s, unpacked (and converted) into the stage.
install_archive() {
  local md5 kind
  md5="$(digest --md5 "$1")" || { say "$1: cannot compute its MD5"; return 1; }
  case "$md5" in
    "$binary_md5") kind=binary ;;
    "$python_md5") kind=python ;;
    *) say "$1: MD5 $md5 is neither published archive's (cifar-100-binary.tar.gz $binary_md5," \
         "cifar-100-python.tar.gz $python_md5); not installing it"; return 1 ;;
  esac
  rm -rf -- "$tmp/unpacked" && mkdir -p "$tmp/unpacked"
  tar -xzf "$1" -C "$tmp/unpacked" || { say "$1: not a readable tar.gz"; return 1; }
  if [[ "$kind" == binary ]]; then
    take_binary "$tmp/unpacked/cifar-100-binary" names || return 1
  else
    convert_python "$tmp/unpacked/cifar-100-python" || return 1
  fi
  from="$1 (cifar-100-$kind.tar.gz, the published MD5 $md5)"
}

# install_from PATH: an archive, a folder in either layout, or a folder holding one of them (a torchvision root:
# archives first, as their MD5 is published; the first that installs is taken).
install_from() {
  local p="$1" c found=""
  if [[ -f "$p" ]]; then install_archive "$p"; return; fi
  [[ -d "$p" ]] || { say "$p: no such file or folder"; return 1; }
  if [[ -f "$p/train.bin" && -f "$p/test.bin" ]]; then
    take_binary "$p" || return 1
    from="$p (binary layout folder, trusted on first use)"; return 0
  fi
  if [[ -f "$p/train" && -f "$p/test" && -f "$p/meta" ]]; then
    convert_python "$p" || return 1
    from="$p (python layout folder; $(python_md5_note "$p"))"; return 0
  fi
  for c in cifar-100-binary.tar.gz cifar-100-python.tar.gz cifar-100-binary cifar-100-python; do
    [[ -e "$p/$c" ]] || continue
    found=1
    say "$p: trying $p/$c"
    if attempt "$p/$c"; then return 0; fi
  done
  [[ -n "$found" ]] || say "$p: holds neither layout (train.bin and test.bin; or train, test and meta) nor" \
    "cifar-100-binary[.tar.gz] or cifar-100-python[.tar.gz]"
  return 1
}

# attempt PATH: a fresh stage filled from PATH, with the published record counts.
attempt() {
  find "$stage" -mindepth 1 -delete
  install_from "$1" && check_bin "$stage/train.bin" 50000 && check_bin "$stage/test.bin" 10000
}

try_keras() {
  local p
  for p in "${keras_places[@]}"; do
    [[ -e "$p" ]] || continue
    say "found $p (the Keras cache)"
    if attempt "$p"; then return 0; fi
  done
  return 1
}

# Each address once; a host that cannot be reached (no DNS, refused, connect timeout) is not asked again.
try_download() {
  local url host rc dead=" "
  if [[ -n "${CNNLAB_OFFLINE:-}" ]]; then say "CNNLAB_OFFLINE is set: not downloading"; return 1; fi
  for url in "${urls[@]}"; do
    host="${url#https://}"; host="${host%%/*}"
    [[ "$dead" != *" $host "* ]] || continue
    if fetch "$url" "$tmp/download.tar.gz"; then
      say "downloaded $url"
      if attempt "$tmp/download.tar.gz"; then from="$url (${from#* (}"; return 0; fi
    else
      rc=$?
      case "$rc" in 6|7|28) dead="$dead$host " ;; esac
    fi
  done
  say "no download address was reachable (${urls[*]})"
  return 1
}

if [[ -n "$source_path" ]]; then
  attempt "$source_path" || { say "CIFAR100=$source_path: not installed (see above)"; exit 1; }
elif try_keras || try_download; then
  :
elif [[ -n "$corrupt" ]]; then
  say "$corrupt, and no source to reinstall from: make datasets CIFAR100=PATH"
  exit 1
elif [[ -f "$target/train.bin" && -f "$target/test.bin" ]]; then
  # Installed by hand without a manifest: check what can be checked, then record it.
  find "$stage" -mindepth 1 -delete
  take_binary "$target"
  check_bin "$stage/train.bin" 50000
  check_bin "$stage/test.bin" 10000
  from="files already in $target"
else
  say "CIFAR-100 is MISSING: no registry packages it, no download address is reachable from here, and there is"
  say "  no copy in $keras_datasets. To install it, download cifar-100-binary.tar.gz (MD5 $binary_md5) or"
  say "  cifar-100-python.tar.gz (MD5 $python_md5) from https://www.cs.toronto.edu/~kriz/cifar.html on a machine"
  say "  with internet, then run  make datasets CIFAR100=PATH  (PATH: either archive, a folder in either layout,"
  say "  or a torchvision root holding cifar-100-python/)"
  exit 3
fi

listed=(train.bin test.bin)
for f in coarse_label_names.txt fine_label_names.txt; do
  if [[ -f "$stage/$f" ]]; then listed+=("$f"); fi
done
(cd "$stage" && cnnlab datasets digest "${listed[@]}" > SHA256SUMS)
echo "$from" > "$stage/SOURCE"
replace_with "$stage" "$target"
say "$target: installed from $from; SHA256SUMS written (trust on first use), record counts checked"
