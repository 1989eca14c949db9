#!/usr/bin/env bash
# Runs every cnnlab peer that can run on this machine, one after the other, and prints their result
# lines (format: bench/peers/README.md). A peer that cannot run gets one line
#   peer=<name> status=unavailable reason=<token>
# and the others go on. Lines starting with '#' are context. Peers' diagnostics go to stderr.
#
# usage: bench/peers/run-peers.sh --data DIR [--peers djl-pytorch,djl-mxnet,python-pytorch]
#          [--malloc inherit|tuned|default] [peer options: --mode --batch --threads --model --phases
#          --warmup --steps --rounds --epochs --lr --seed]
#   --malloc inherit  every peer gets the caller's GLIBC_TUNABLES (the default; what `make bench` uses)
#   --malloc tuned    every peer gets cnnlab's fixed malloc thresholds; --malloc default: none
# Environment: JAVA (java), MVN (mvn), PYTHON (/usr/bin/python3, i.e. Debian's python3-torch),
#   MVN_FLAGS (-B -q; add -o to build offline from ~/.m2).
# Exit status: 0 when every requested peer ran or was reported unavailable; 2 when a peer rejected
#   the arguments or the data (the same for all of them, so the run stops).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
djl=$here/djl
rel_djl=${djl#"$PWD"/}
JAVA=${JAVA:-java}
MVN=${MVN:-mvn}
PYTHON=${PYTHON:-/usr/bin/python3}
MVN_FLAGS=${MVN_FLAGS:--B -q}
TUNED_MALLOC=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483648

peers="djl-pytorch,djl-mxnet,python-pytorch"
malloc=inherit
threads=2
data=
forward=()   # options handed to every peer unchanged
while (($#)); do
  arg=$1
  if [[ $arg == --*=* ]]; then key=${arg%%=*} value=${arg#*=}; shift
  elif [[ $arg == --* && $# -ge 2 ]]; then key=$arg value=$2; shift 2
  else echo "run-peers: expected --option value, got '$arg'" >&2; exit 2
  fi
  case $key in
    --peers) peers=$value ;;
    --malloc) malloc=$value ;;
    --threads) threads=$value; forward+=("$key" "$value") ;;
    --data) data=$value; forward+=("$key" "$value") ;;
    *) forward+=("$key" "$value") ;;
  esac
done
if [[ -z $data || ! -d $data ]]; then
  echo "run-peers: --data must name the folder with the Fashion-MNIST IDX files, got '${data}'" >&2
  exit 2
fi
if [[ ! $threads =~ ^[1-9][0-9]*$ ]]; then
  echo "run-peers: --threads expects a positive integer, got '$threads'" >&2
  exit 2
fi
case $malloc in
  inherit) tunables=${GLIBC_TUNABLES-} ;;
  tuned) tunables=$TUNED_MALLOC ;;
  default) tunables= ;;
  *) echo "run-peers: --malloc expects inherit, tuned or default, got '$malloc'" >&2; exit 2 ;;
esac

IFS=, read -ra wanted <<<"$peers"
for peer in "${wanted[@]}"; do
  case $peer in
    djl-pytorch|djl-mxnet|python-pytorch) ;;
    *) echo "run-peers: unknown peer '$peer' (known: djl-pytorch, djl-mxnet, python-pytorch)" >&2; exit 2 ;;
  esac
done

unavailable() {  # peer reason
  echo "peer=$1 status=unavailable reason=$2"
}

# run_peer NAME COMMAND...: one peer under the shared environment; its exit status decides the rest
run_peer() {
  local name=$1 rc
  shift
  if [[ -n $tunables ]]; then
    env OMP_NUM_THREADS="$threads" GLIBC_TUNABLES="$tunables" "$@" "${forward[@]}"
  else
    env -u GLIBC_TUNABLES OMP_NUM_THREADS="$threads" "$@" "${forward[@]}"
  fi
  rc=$?
  case $rc in
    0|3) ;;  # done, or unavailable with its own status line
    2) echo "run-peers: $name rejected the options or the data (see above); stopping" >&2; exit 2 ;;
    *) unavailable "$name" "exited-$rc" ;;
  esac
}

# build_djl ENGINE: compiles the DJL peer for one engine (Maven profile); falls back to a previous
# build when Maven cannot run (e.g. offline with an incomplete ~/.m2). Prints the reason on failure.
build_djl() {
  local engine=$1 log=$rel_djl/target/build-$1.log
  mkdir -p "$djl/target"
  if command -v "$MVN" >/dev/null; then
    # shellcheck disable=SC2086  # MVN_FLAGS holds several flags
    if "$MVN" $MVN_FLAGS -f "$djl/pom.xml" -P"$engine" package >"$log" 2>&1; then
      return 0
    fi
    [[ -s $djl/target/classpath-$engine.txt ]] || { echo "maven-build-failed:$log"; return 1; }
    echo "# djl-$engine: maven build failed ($log); running the previous build" >&2
  elif [[ ! -s $djl/target/classpath-$engine.txt ]]; then
    echo "maven-not-found"
    return 1
  fi
}

echo "# run-peers $(date -u +%FT%TZ) cores=$(getconf _NPROCESSORS_ONLN) cpu=\"$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs)\"" \
  "threads=$threads malloc=$malloc GLIBC_TUNABLES=${tunables:-<unset>}"
for peer in "${wanted[@]}"; do
  case $peer in
    djl-pytorch|djl-mxnet)
      engine=${peer#djl-}
      if ! command -v "$JAVA" >/dev/null; then unavailable "$peer" java-not-found; continue; fi
      if ! reason=$(build_djl "$engine"); then unavailable "$peer" "$reason"; continue; fi
      # offline: the natives come from the classified jars; DJL must download nothing
      run_peer "$peer" "$JAVA" -Xmx1g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
        -cp "$djl/target/cnnlab-djl-peer-0.1.jar:$(cat "$djl/target/classpath-$engine.txt")" peer.LeNetPeer
      ;;
    python-pytorch)
      if [[ ! -x $PYTHON ]] && ! command -v "$PYTHON" >/dev/null; then
        unavailable "$peer" "python-not-found:$PYTHON"; continue
      fi
      run_peer "$peer" "$PYTHON" "$here/lenet_torch.py"
      ;;
  esac
done
