#!/usr/bin/env bash
# Fetches (once) and unpacks the guest kernel and a newer iproute2 into the lane's cache, never installing them:
# `apt-get download` + `dpkg-deb -x`, modules indexed with `depmod -b`. Prints shell assignments for boot.sh:
#   VM_KERNEL_VERSION VM_VMLINUZ VM_MODULES_ROOT VM_IPROUTE2_ROOT
# Exit 3 (with the apt-get line that would fix it) when something cannot be had.
# Sourced by scripts/vm-test.sh; expects VM_CACHE set.
set -euo pipefail

vm_fail() { # exit 3: the host cannot run the lane; $1 says why, $2 the command that fixes it
  echo "vm-test: $1" >&2
  [ -n "${2:-}" ] && echo "vm-test: fix: $2" >&2
  exit 3
}

# apt-get/apt-cache ($1) with the lane's own source list, lists and package cache under $VM_CACHE/apt: the host's apt
# configuration and lists are never changed. The mirror is the one the host already uses for its Debian suite.
vm_private_apt() {
  local dir="$VM_CACHE/apt"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  local tool="$1"; shift
  "$tool" -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o APT::Sandbox::User=root "$@"
}

# The URI the host's apt sources use for the Debian archive of this release (deb822 .sources or one-line lists).
vm_debian_mirror() {
  local codename="$1"
  {
    # deb822: a stanza with URIs and Suites lines; print the URI of a stanza whose Suites include the codename.
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -r "$f" ] || continue
      awk -v want="$codename" '
        /^[[:space:]]*$/ { if (uri != "" && ok) print uri; uri = ""; ok = 0; next }
        /^URIs:/ { uri = $2 }
        /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) ok = 1 }
        END { if (uri != "" && ok) print uri }' "$f"
    done
    # one-line: deb [opts] URI suite components
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -E 's/\[[^]]*\]//' | awk -v want="$codename" '$1 == "deb" && $3 == want { print $2 }'
  } | head -n 1 || true
}

# --- kernel ---------------------------------------------------------------------------------------------------
# VETHBENCH_VM_KERNEL_DEB (VM_KERNEL_DEB): a local linux-image .deb (your own kernel); else VM_KERNEL_PACKAGE from apt.
vm_fetch_kernel() {
  local deb pkg version key dir
  if [ -n "${VM_KERNEL_DEB:-}" ]; then
    [ -r "$VM_KERNEL_DEB" ] || vm_fail "VETHBENCH_VM_KERNEL_DEB=$VM_KERNEL_DEB: no such readable file" "point VETHBENCH_VM_KERNEL_DEB at a linux-image-*.deb"
    pkg=$(dpkg-deb -f "$VM_KERNEL_DEB" Package) version=$(dpkg-deb -f "$VM_KERNEL_DEB" Version)
    deb="$VM_KERNEL_DEB"
  else
    pkg="$VM_KERNEL_PACKAGE"
    apt-cache show "$pkg" >/dev/null 2>&1 ||
      vm_fail "apt does not know the kernel package $pkg" "apt-get update (and check that $pkg exists: apt-cache policy $pkg)"
    # A meta-package (linux-image-6.12-amd64) depends on the real one (linux-image-6.12.117+deb12-amd64).
    local real
    real=$(apt-cache depends "$pkg" | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    [ -n "$real" ] && pkg="$real"
    version=$(apt-cache policy "$pkg" | awk '/Candidate:/ { print $2 }')
    [ -n "$version" ] && [ "$version" != "(none)" ] || vm_fail "no installable version of $pkg" "apt-get update"
  fi
  key="${pkg}_${version}"
  dir="$VM_CACHE/kernel/$key"
  if [ ! -e "$dir/.complete" ]; then
    echo "vm-test: fetching $pkg $version into $dir" >&2
    rm -rf "$dir" && mkdir -p "$dir/deb"
    if [ -z "${deb:-}" ]; then
      (cd "$dir/deb" && apt-get download -q -o APT::Sandbox::User=root "$pkg=$version" >&2) ||
        vm_fail "apt-get download $pkg=$version failed" "apt-get update && apt-get download $pkg=$version"
      deb=$(ls "$dir"/deb/*.deb)
    fi
    dpkg-deb -x "$deb" "$dir/root"
    rm -rf "$dir/deb"
    local kver
    kver=$(ls "$dir/root/lib/modules" 2>/dev/null | head -n 1)
    [ -n "$kver" ] || vm_fail "$pkg has no lib/modules/<version> directory" ""
    command -v depmod >/dev/null || vm_fail "depmod is missing" "apt-get install -y kmod"
    depmod -b "$dir/root" "$kver"
    touch "$dir/.complete"
  fi
  VM_KERNEL_VERSION=$(ls "$dir/root/lib/modules" | head -n 1)
  VM_VMLINUZ="$dir/root/boot/vmlinuz-$VM_KERNEL_VERSION"
  VM_MODULES_ROOT="$dir/root"
  [ -r "$VM_VMLINUZ" ] || vm_fail "$pkg has no boot/vmlinuz-$VM_KERNEL_VERSION" ""
}

# --- iproute2 from backports ----------------------------------------------------------------------------------
vm_fetch_iproute2() {
  if [ "${VM_IPROUTE2:-backports}" = host ]; then VM_IPROUTE2_ROOT=""; return; fi
  local codename mirror version dir
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || vm_fail "cannot tell the Debian release from /etc/os-release" ""
  mkdir -p "$VM_CACHE/apt"
  local stamp="$VM_CACHE/apt/lists/.updated"
  if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
    mirror=$(vm_debian_mirror "$codename")
    [ -n "$mirror" ] || vm_fail "no Debian mirror for $codename in the host's apt sources" "add a $codename source to /etc/apt/sources.list.d/"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $codename-backports main" >"$VM_CACHE/apt/sources.list"
    echo "vm-test: reading $codename-backports from $mirror (private apt lists in $VM_CACHE/apt)" >&2
    vm_private_apt apt-get update >&2 || vm_fail "apt-get update of $codename-backports failed" "check the network and $VM_CACHE/apt/sources.list"
    touch "$stamp"
  fi
  version=$(vm_private_apt apt-cache policy iproute2 2>/dev/null | awk '/Candidate:/ { print $2 }')
  [ -n "$version" ] && [ "$version" != "(none)" ] || vm_fail "$codename-backports has no iproute2" ""
  dir="$VM_CACHE/iproute2/$version"
  if [ ! -e "$dir/.complete" ]; then
    echo "vm-test: fetching iproute2 $version into $dir" >&2
    rm -rf "$dir" && mkdir -p "$dir/deb"
    (cd "$dir/deb" && vm_private_apt apt-get download "iproute2=$version" >&2) ||
      vm_fail "apt-get download iproute2=$version failed" "rm -rf $VM_CACHE/apt and retry"
    dpkg-deb -x "$dir"/deb/*.deb "$dir/root"
    rm -rf "$dir/deb"
    touch "$dir/.complete"
  fi
  VM_IPROUTE2_ROOT="$dir/root"
}
