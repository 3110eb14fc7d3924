#!/usr/bin/env bash
# Installs what vethbench needs on Debian/Ubuntu (idempotent): the system packages, the npm dependencies and the
# build (dist/). Run it as root, or as a user with sudo: only installing packages needs root, and that step alone
# goes through sudo. Run through sudo, the npm steps run as the user who typed sudo, so the checkout stays theirs.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(iproute2 ethtool iperf3 sockperf iputils-ping procps nftables iperf netsniff-ng)
packages+=(tcpdump) # vethbench capture
packages+=(clang libbpf-dev) # the xdp knob compiles src/knobs/xdp/xdp-pass.bpf.c (clang -target bpf, libbpf's headers)

# Root for apt: ourselves when root, else sudo when it is there, else say how.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -- "$@"
  else
    echo "setup.sh: installing ${missing[*]} needs root and sudo is not installed; run this script as root (su -c scripts/setup.sh)" >&2
    exit 1
  fi
}

# The npm steps as the user who ran `sudo scripts/setup.sh` (not root), so node_modules/ and dist/ stay theirs.
as_user() {
  if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_UID:-}" ] && [ "${SUDO_UID}" != 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo -H -u "#${SUDO_UID}" -- env "PATH=$PATH" "$@"
  else
    "$@"
  fi
}

# Node.js: the distribution's package when it is new enough (Debian 13: 20.19), else the fix is printed below.
if ! command -v node >/dev/null 2>&1; then
  candidate=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ { print $2 }' | sed -E 's/^[0-9]+://')
  if [ -n "$candidate" ] && [ "${candidate%%.*}" -ge 20 ] 2>/dev/null; then
    packages+=(nodejs npm)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update
  # iperf3's package asks whether to start a system-wide daemon; vethbench starts its own servers.
  echo 'iperf3 iperf3/start_daemon boolean false' | as_root debconf-set-selections
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null 2>&1; then
  echo 'setup.sh: Node.js is not installed and this distribution has no nodejs 20 or newer. Install a current LTS from NodeSource, as root:' >&2
  echo '  curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh && bash /tmp/nodesource_setup.sh && apt-get install -y nodejs' >&2
  echo 'then run scripts/setup.sh again.' >&2
  exit 3
fi
# Dependency-free: on Debian 12's nodejs 18 it prints the fix instead of a dependency's crash.
node bin/node-version.js || exit 3

# npm ci also builds dist/ (the prepare script); build explicitly when scripts were skipped (ignore-scripts).
as_user npm ci --no-audit --no-fund
[ -f dist/cli/main.js ] || as_user npm run --silent build
echo "setup.sh: ready; try: npx vethbench plan gro"
