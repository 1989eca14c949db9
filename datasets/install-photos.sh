#!/usr/bin/env bash
# Installs the photographs for edge detection: the nature pictures of Debian's package mate-backgrounds
# (/usr/share/backgrounds/mate/nature/*.jpg), extracted from the .deb without installing the package,
# then verified against datasets/photos.sha256. Idempotent: a DEST that already verifies is left alone.
#
#   usage: datasets/install-photos.sh DEST        (make photos: DEST = datasets/photos)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DEST" >&2
  exit 2
fi
dest="$1"
manifest="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/photos.sha256"
package=mate-backgrounds
inside=usr/share/backgrounds/mate/nature

if [[ ! -s "$manifest" ]]; then
  echo "photos: manifest $manifest is missing or empty" >&2
  exit 1
fi

# True when every file named in the manifest is in DEST with the expected SHA-256.
verifies() {
  [[ -d "$dest" ]] && (cd "$dest" && sha256sum --check --quiet --strict "$manifest" >/dev/null 2>&1)
}

if verifies; then
  echo "photos: up to date ($(wc -l <"$manifest") files in $dest)"
  exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
  cat >&2 <<MSG
photos: apt-get and dpkg are needed to fetch Debian's package $package, and are not available here.
Get the photographs another way: on a Debian/Ubuntu machine run 'apt-get download $package', then
'dpkg -x ${package}_*.deb x' and copy x/$inside/*.jpg into $dest
(or download the .deb from https://packages.debian.org/bookworm/all/$package/download and unpack it
with 'ar x' and 'tar xf data.tar.xz'). The files must match $manifest.
MSG
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

download() { (cd "$work" && apt-get download "$package") >"$work/apt.log" 2>&1; }

if ! download; then
  # In a fresh container the package lists are empty: refresh them (needs root) and try once more.
  if [[ $(id -u) -eq 0 ]]; then
    echo "photos: apt-get download failed; running apt-get update and retrying" >&2
    apt-get update -qq >&2 || true
    download || { cat "$work/apt.log" >&2; echo "photos: could not download $package" >&2; exit 1; }
  else
    cat "$work/apt.log" >&2
    echo "photos: could not download $package; if the package lists are empty, run 'sudo apt-get update' first" >&2
    exit 1
  fi
fi

deb=("$work"/"$package"_*.deb)
dpkg -x "${deb[0]}" "$work/x"
mkdir -p "$dest"
cp "$work/x/$inside"/*.jpg "$dest"/

if ! (cd "$dest" && sha256sum --check --quiet --strict "$manifest"); then
  echo "photos: files in $dest do not match $manifest (a different version of $package?)" >&2
  exit 1
fi
echo "photos: installed $(wc -l <"$manifest") photographs from $(basename "${deb[0]}") into $dest"
