#!/usr/bin/env bash
# Installs the photographs for edge detection: the nature pictures of Debian's package mate-backgrounds
# (/usr/share/backgrounds/mate/nature/*.jpg), extracted from the .deb without installing the package,
# then verified against datasets/photos.sha256. The .deb comes from apt-get download, or where there is no
# apt-get (macOS, other distributions) or it fails, from Debian's archive. Idempotent: a DEST that already
# verifies is left alone.
#
#   usage: datasets/install-photos.sh DEST        (make photos: DEST = datasets/photos)
set -euo pipefail
SCRIPT_NAME=photos
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=datasets/lib.sh
source "$here/lib.sh"

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DEST" >&2
  exit 2
fi
dest="$1"
manifest="$here/photos.sha256"
package=mate-backgrounds
inside=usr/share/backgrounds/mate/nature
# The version photos.sha256 was made from, in Debian's archive (bookworm).
pool_deb=https://deb.debian.org/debian/pool/main/m/mate-backgrounds/mate-backgrounds_1.26.0-1_all.deb
if [[ ! -s "$manifest" ]]; then
  say "manifest $manifest is missing or empty"
  exit 1
fi
count="$(grep -c . "$manifest")"

if [[ -d "$dest" ]] && verify_manifest "$dest" "$manifest" quiet; then
  say "up to date ($count files in $dest)"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT

# apt_download: the package's .deb into $work with apt-get; lists refreshed once when empty (root only).
apt_download() {
  command -v apt-get >/dev/null || return 1
  (cd "$work" && apt-get download "$package") >"$work/apt.log" 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]]; then
    say "apt-get download failed; running apt-get update and retrying"
    apt-get update -qq >&2 || true
    (cd "$work" && apt-get download "$package") >"$work/apt.log" 2>&1 && return 0
  fi
  cat "$work/apt.log" >&2
  return 1
}

deb=""
if apt_download; then
  deb="$(find "$work" -maxdepth 1 -name "${package}_*.deb" | head -n 1)"
fi
if [[ -z "$deb" ]]; then
  say "fetching $pool_deb"
  if fetch "$pool_deb" "$work/$(basename "$pool_deb")"; then
    deb="$work/$(basename "$pool_deb")"
  else
    say "could not download $package: no apt-get download, and $pool_deb is not reachable."
    say "Get the .deb another way, unpack it (dpkg -x, or ar x and tar xf data.tar.xz) and copy $inside/*.jpg into $dest"
    exit 1
  fi
fi

unpack_deb "$deb" "$work/x"
mkdir -p "$dest"
cp "$work/x/$inside"/*.jpg "$dest"/

if ! verify_manifest "$dest" "$manifest"; then
  say "files in $dest do not match $manifest (a different version of $package?)"
  exit 1
fi
say "installed $count photographs from $(basename "$deb") into $dest"
