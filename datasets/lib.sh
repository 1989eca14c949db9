# Shared functions for the dataset install scripts (sourced, not run).
# Checksums are of the DECOMPRESSED content: Debian recompressed its .gz files, and mirrors serve raw or
# gzipped copies of the same bytes, so only the content is a stable identity.

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

content_sha256() { content "$1" | sha256sum | cut -d' ' -f1; }
content_size() { content "$1" | wc -c | tr -d ' '; }

# The file holding the content named NAME in DIR: NAME itself or NAME.gz; empty when neither exists.
find_content() {
  local dir="$1" name="$2"
  if [[ -f "$dir/$name" ]]; then echo "$dir/$name"
  elif [[ -f "$dir/$name.gz" ]]; then echo "$dir/$name.gz"
  fi
}

# verify_manifest DIR MANIFEST [quiet]: every "sha256  name" line of MANIFEST must match the content of
# DIR/name or DIR/name.gz. Returns 0 when all match.
verify_manifest() {
  local dir="$1" manifest="$2" quiet="${3:-}" ok=0 hash name file actual
  [[ -f "$manifest" ]] || { say "no manifest $manifest"; return 1; }
  while read -r hash name; do
    [[ -z "$hash" || "$hash" == \#* ]] && continue
    file="$(find_content "$dir" "$name")"
    if [[ -z "$file" ]]; then
      [[ -n "$quiet" ]] || say "missing $dir/$name(.gz)"
      ok=1; continue
    fi
    actual="$(content_sha256 "$file")"
    if [[ "$actual" != "$hash" ]]; then
      [[ -n "$quiet" ]] || say "checksum mismatch: $file has content sha256 $actual, manifest $manifest expects $hash"
      ok=1
    fi
  done < "$manifest"
  return $ok
}

# check_idx FILE MAGIC COUNT ITEM_BYTES: the IDX header has the magic (2049 labels, 2051 images) and COUNT
# records, and the content is exactly header + COUNT * ITEM_BYTES long.
check_idx() {
  local file="$1" magic="$2" count="$3" item="$4" header got_magic got_count dims size want
  if [[ "$magic" == 2051 ]]; then dims=3; else dims=1; fi
  header="$(content "$file" | head -c $((4 + 4 * dims)) | od -An -tu4 --endian=big | tr -s ' \n' ' ')"
  read -r got_magic got_count _ <<< "$header"
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
