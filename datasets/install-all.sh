#!/usr/bin/env bash
# Installs every data set into ROOT (default: this folder): MNIST, Fashion-MNIST, CIFAR-100 and the
# edge-detection photos. Each is verified; one that cannot be had is reported and the others still install.
#   install-all.sh [ROOT] [--cifar100 PATH]
# Exit status: 0 when all installed, or all but CIFAR-100 (which has no registry source: reported as missing);
# 1 when any other data set failed.
set -uo pipefail
SCRIPT_NAME=install-all
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=datasets/lib.sh
source "$here/lib.sh"
root="$here"
cifar="${CIFAR100:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cifar100) cifar="${2:-}"; shift 2 ;;
    --cifar100=*) cifar="${1#*=}"; shift ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) root="$1"; shift ;;
  esac
done
mkdir -p "$root"

# Each data set's status as "name=STATUS" words (bash 3.2, macOS's, has no associative arrays).
statuses=""
run() { # run NAME COMMAND...
  local name="$1" rc=0; shift
  "$@" || rc=$?
  case $rc in
    0) statuses="$statuses $name=ok" ;;
    3) statuses="$statuses $name=MISSING" ;;
    *) statuses="$statuses $name=FAILED" ;;
  esac
}
status_of() { # status_of NAME: its status, or nothing when it did not run
  local word
  for word in $statuses; do
    if [[ "${word%%=*}" == "$1" ]]; then echo "${word#*=}"; fi
  done
}

run mnist "$here/install-mnist.sh" "$root/mnist"
run fashion-mnist "$here/install-fashion-mnist.sh" "$root/fashion-mnist"
CIFAR100="$cifar" run cifar-100 "$here/install-cifar100.sh" "$root/cifar-100"
if [[ -x "$here/install-photos.sh" ]]; then
  run photos "$here/install-photos.sh" "$root/photos"
else
  say "photos: datasets/install-photos.sh is not in this tree; skipped"
fi

failed=0
echo "data set        status"
for name in mnist fashion-mnist cifar-100 photos; do
  status="$(status_of "$name")"
  [[ -n "$status" ]] || continue
  printf '%-15s %s\n' "$name" "$status"
  if [[ "$status" != ok && "$name" != cifar-100 ]]; then failed=1; fi
done
if [[ "$(status_of cifar-100)" != ok ]]; then
  echo "CIFAR-100 is not installed (see the message above): make datasets CIFAR100=PATH (either published archive," \
    "a folder in the binary or python layout, or a torchvision root)"
fi
exit $failed
