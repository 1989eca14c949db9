# shellcheck shell=bash
# Shared functions for the dataset install scripts (sourced, not run).
# Checksums are of the DECOMPRESSED content: Debian recompressed its .gz files, and mirrors serve raw or
# gzipped copies of the same bytes, so only the content is a stable identity. They are computed in Java
# (`cnnlab datasets check|digest`), so installing needs neither sha256sum nor md5sum; the rest is bash 3.2
# and POSIX tools (macOS's bash and BSD userland do).

# The checkout this lib.sh is in.
CNNLAB_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# How long to wait for a mirror before falling back (seconds). Machines without internet fail in milliseconds
# (no DNS); a firewall that drops packets costs at most this much per mirror.
CONNECT_TIMEOUT="${CNNLAB_CONNECT_TIMEOUT:-5}"

say() { printf '%s: %s\n' "${SCRIPT_NAME:-datasets}" "$*" >&2; }

# Prints the content of a raw or gzipped file (gzip is detected by its magic bytes, not by the name).
content() {
  if [[ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' \n')" == "1f8b" ]]; then
    gzip -dc -- "$1"
  else
    cat -- "$1"
  fi
}

content_size() { content "$1" | wc -c | tr -d ' '; }

# cnnlab ARGS...: bin/cnnlab, built first (make build) when it is not built or older than the commands used here.
cnnlab() {
  local classes="$CNNLAB_REPO/target/classes/io/cnnlab" src="$CNNLAB_REPO/src/main/java/io/cnnlab"
  if [[ ! -s "$CNNLAB_REPO/target/classpath.txt" || ! -f "$classes/cli/DatasetsCommand.class" \
      || "$src/cli/DatasetsCommand.java" -nt "$classes/cli/DatasetsCommand.class" \
      || "$src/data/Manifest.java" -nt "$classes/data/Manifest.class" ]]; then
    say "building cnnlab, which computes the checksums (make build)"
    make -s -C "$CNNLAB_REPO" build >&2 || { say "make build failed"; return 2; }
  fi
  CNNLAB_JAVA_OPTS="${CNNLAB_JAVA_OPTS:--Xmx512m}" "$CNNLAB_REPO/bin/cnnlab" "$@"
}

# digest [--md5] FILE: the hex SHA-256 (or MD5) of the file's bytes as stored.
digest() {
  local out
  out="$(cnnlab datasets digest "$@")" || return 1
  printf '%s\n' "${out%% *}"
}

# The file holding the content named NAME in DIR: NAME itself or NAME.gz; empty when neither exists.
find_content() {
  local dir="$1" name="$2"
  if [[ -f "$dir/$name" ]]; then echo "$dir/$name"
  elif [[ -f "$dir/$name.gz" ]]; then echo "$dir/$name.gz"
  fi
}

# verify_manifest DIR MANIFEST [quiet]: every "sha256  name" line of MANIFEST must match the content of
# DIR/name or DIR/name.gz. Returns 0 when all match; names each problem unless quiet.
verify_manifest() {
  local dir="$1" manifest="$2" quiet="${3:-}"
  [[ -f "$manifest" ]] || { say "no manifest $manifest"; return 1; }
  if [[ -n "$quiet" ]]; then
    cnnlab datasets check --quiet --manifest "$manifest" "$dir" >/dev/null 2>&1
  else
    cnnlab datasets check --manifest "$manifest" "$dir" >&2
  fi
}

# check_idx FILE MAGIC COUNT ITEM_BYTES: the IDX header has the magic (2049 labels, 2051 images) and COUNT
# records, and the content is exactly header + COUNT * ITEM_BYTES long.
check_idx() {
  local file="$1" magic="$2" count="$3" item="$4" header got_magic got_count dims size want
  if [[ "$magic" == 2051 ]]; then dims=3; else dims=1; fi
  # The first two big-endian 32-bit words, as hex digits (od -tx1 reads bytes: no byte order to get wrong)
  header="$(content "$file" | head -c 8 | od -An -tx1 | tr -d ' \n')"
  if [[ ${#header} -ne 16 ]]; then
    say "$file: shorter than an IDX header"; return 1
  fi
  got_magic=$((16#${header:0:8}))
  got_count=$((16#${header:8:8}))
  if [[ "$got_magic" != "$magic" ]]; then
    say "$file: IDX magic $got_magic, expected $magic"; return 1
  fi
  if [[ "$got_count" != "$count" ]]; then
    say "$file: $got_count records, expected $count"; return 1
  fi
  size="$(content_size "$file")"
  want=$((4 + 4 * dims + count * item))
  if [[ "$size" != "$want" ]]; then
    say "$file: $size bytes of content, expected $want (header + $count x $item)"; return 1
  fi
  say "$(basename "$file"): $count records"
}

# check_mnist_layout DIR: the four IDX files of an MNIST-format data set with 60,000/10,000 records.
check_mnist_layout() {
  local dir="$1" split count f
  for split in train t10k; do
    if [[ "$split" == train ]]; then count=60000; else count=10000; fi
    f="$(find_content "$dir" "$split-images-idx3-ubyte")"
    [[ -n "$f" ]] || { say "missing $dir/$split-images-idx3-ubyte(.gz)"; return 1; }
    check_idx "$f" 2051 "$count" 784 || return 1
    f="$(find_content "$dir" "$split-labels-idx1-ubyte")"
    [[ -n "$f" ]] || { say "missing $dir/$split-labels-idx1-ubyte(.gz)"; return 1; }
    check_idx "$f" 2049 "$count" 1 || return 1
  done
}

# fetch URL OUT: download with a short connect timeout; returns curl's status (quietly) when unreachable.
# CNNLAB_OFFLINE=1 skips every download (the registries and local copies are still used).
fetch() {
  if [[ -n "${CNNLAB_OFFLINE:-}" ]]; then return 1; fi
  curl -fsSL --connect-timeout "$CONNECT_TIMEOUT" -o "$2" "$1" 2>/dev/null
}

# fetch_all BASE_URL DIR NAME...: downloads every BASE_URL/NAME into DIR, or fails at the first one missing.
fetch_all() {
  local base="$1" dir="$2" name; shift 2
  for name in "$@"; do
    fetch "$base/$name" "$dir/$name" || return 1
  done
}

# unpack_deb DEB DIR: a Debian package's files into DIR, with dpkg where there is one, else with ar and tar (macOS,
# other Linux distributions): a .deb is an ar archive whose data.tar.* holds the files.
unpack_deb() {
  local deb dir="$2" data
  deb="$(abspath "$1")"
  mkdir -p "$dir"
  if command -v dpkg >/dev/null; then
    dpkg -x "$deb" "$dir"
    return
  fi
  command -v ar >/dev/null || { say "neither dpkg nor ar is here to unpack $deb"; return 1; }
  (cd "$dir" && ar x "$deb") || return 1
  for data in "$dir"/data.tar.*; do
    [[ -f "$data" ]] || { say "$deb holds no data.tar.*"; return 1; }
    tar -xf "$data" -C "$dir" || { say "$data: tar cannot unpack it (xz support?)"; return 1; }
    rm -f -- "$data" "$dir"/control.tar.* "$dir"/debian-binary
  done
}

# A fresh staging folder next to TARGET (same file system, so the final move is a rename).
stage_for() {
  mkdir -p "$(dirname "$1")"
  local stage; stage="$(mktemp -d "$(dirname "$1")/.staging-$(basename "$1")-XXXXXX")"
  chmod 755 "$stage"  # mktemp makes it private; the installed folder should not be
  echo "$stage"
}

# replace_with STAGE TARGET: puts the verified staging folder in place of TARGET.
replace_with() {
  local stage="$1" target="$2"
  rm -rf -- "$target.old"
  if [[ -e "$target" ]]; then mv -- "$target" "$target.old"; fi
  mv -- "$stage" "$target"
  rm -rf -- "$target.old"
}

# Absolute path of a file or folder (for use after a cd).
abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
