#!/usr/bin/env bash
# Installs what the python-pytorch peer needs from Debian (python3-torch, python3-numpy) when it is missing,
# so that `make bench` compares against every peer it names on a fresh machine. Without root or apt it says
# why and exits 0: run-peers.sh then reports the peer as unavailable with the reason, never a silent gap.
set -uo pipefail
PYTHON=${PYTHON:-/usr/bin/python3}
if "$PYTHON" -c 'import numpy, torch' 2>/dev/null; then
  echo "# python-pytorch peer: torch $("$PYTHON" -c 'import torch; print(torch.__version__)') present"
  exit 0
fi
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
  echo "# python-pytorch peer: torch or numpy missing and no root apt-get to install python3-torch python3-numpy" >&2
  exit 0
fi
echo "# python-pytorch peer: installing Debian's python3-torch and python3-numpy" >&2
apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy >&2 \
  || echo "# python-pytorch peer: apt-get install python3-torch python3-numpy failed" >&2
exit 0
