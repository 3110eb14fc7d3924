#!/usr/bin/env bash
# Installs what vethbench needs on Debian/Ubuntu (idempotent), then the npm dependencies. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(iproute2 ethtool iperf3 sockperf iputils-ping procps nftables iperf netsniff-ng)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: installing ${missing[*]} needs root; run: sudo scripts/setup.sh" >&2
    exit 1
  fi
  apt-get update
  # iperf3's package asks whether to start a system-wide daemon; vethbench starts its own servers.
  echo 'iperf3 iperf3/start_daemon boolean false' | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
npm ci --no-audit --no-fund
