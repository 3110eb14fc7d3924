#!/usr/bin/env bash
# scripts/vm-test.sh COMMAND… — runs COMMAND as root from this checkout inside a throwaway QEMU guest that boots
# Debian's 6.12 kernel with the host's root (read-only, virtiofs) and a newer iproute2 on the guest's PATH only.
# Streams the guest's console, exits with COMMAND's exit code. 3: the host cannot run the lane (the fix is printed);
# 2: bad usage; 124: the time limit (VETHBENCH_VM_TIMEOUT) passed. See docs/vm-lane.md.
set -euo pipefail
# One compound command: bash parses it whole before it runs, so editing this file during a run cannot break that run.
{
repo=$(cd "$(dirname "$0")/.." && pwd)

VM_CACHE=${VETHBENCH_VM_CACHE:-/var/cache/vethbench-vm}
VM_KERNEL_PACKAGE=${VETHBENCH_VM_KERNEL_PACKAGE:-linux-image-6.12-amd64}
VM_KERNEL_DEB=${VETHBENCH_VM_KERNEL_DEB:-}
VM_IPROUTE2=${VETHBENCH_VM_IPROUTE2:-backports}
timeout_s=${VETHBENCH_VM_TIMEOUT:-2400}
memory=${VETHBENCH_VM_MEMORY:-2048M}
cpus=${VETHBENCH_VM_CPUS:-$(nproc)}
accel=${VETHBENCH_VM_ACCEL:-auto}
time_scale=${VETHBENCH_TIME_SCALE:-10}
virtiofsd=/usr/lib/qemu/virtiofsd
install_line="apt-get update && apt-get install -y --no-install-recommends qemu-system-x86 kmod"

source "$repo/scripts/vm/fetch.sh"

if [ $# -eq 0 ] || [ "$1" = --help ] || [ "$1" = -h ]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2
  [ $# -eq 0 ] && exit 2 || exit 0
fi
[[ "$timeout_s" =~ ^[0-9]+$ ]] || { echo "vm-test: VETHBENCH_VM_TIMEOUT=$timeout_s: expected whole seconds, e.g. 2400" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || vm_fail "needs root (virtiofsd shares the host root; the guest builds namespaces)" "sudo $0 $*"
command -v qemu-system-x86_64 >/dev/null || vm_fail "qemu-system-x86_64 is missing" "$install_line"
[ -x "$virtiofsd" ] || vm_fail "$virtiofsd is missing" "$install_line"
command -v depmod >/dev/null || vm_fail "depmod is missing" "$install_line"

mkdir -p "$VM_CACHE"
vm_fetch_kernel
vm_fetch_iproute2

run="$VM_CACHE/runs/$$"
rm -rf "$run" && mkdir -p "$run"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  mkdir -p "$repo/test-output"
  [ -e "$run/console.log" ] && cp "$run/console.log" "$repo/test-output/vm-console.log"
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# KVM guests hang after "tsc: Detected …" on some hosts: boot the kernel without a root under KVM; a working KVM
# reaches the "cannot mount root" panic (panic=-1, -no-reboot: qemu exits) in a second or two. Cached per host boot.
kvm_works() {
  [ -w /dev/kvm ] || return 1
  local key verdict
  key="$(cat /proc/sys/kernel/random/boot_id) $(qemu-system-x86_64 --version | head -n 1) $VM_KERNEL_VERSION"
  if [ -r "$VM_CACHE/kvm-probe" ] && [ "$(head -n 1 "$VM_CACHE/kvm-probe")" = "$key" ]; then
    verdict=$(sed -n 2p "$VM_CACHE/kvm-probe")
  else
    if (timeout -k 2 15 qemu-system-x86_64 -accel kvm -cpu host -m 256M -nodefaults -display none -no-reboot \
      -serial "file:$run/kvm-probe.log" -kernel "$VM_VMLINUZ" -append "console=ttyS0 panic=-1 root=/dev/vethbench-none" \
      >/dev/null 2>&1) 2>/dev/null && grep -q 'Kernel panic' "$run/kvm-probe.log"; then
      verdict=kvm
    else
      verdict=tcg
    fi
    printf '%s\n%s\n' "$key" "$verdict" >"$VM_CACHE/kvm-probe"
  fi
  [ "$verdict" = kvm ]
}
case "$accel" in
  auto) if kvm_works; then accel_args=(-accel kvm -cpu host); accel=kvm; else accel_args=(-accel tcg,thread=multi -cpu max); accel=tcg; fi ;;
  kvm) accel_args=(-accel kvm -cpu host) ;;
  tcg) accel_args=(-accel tcg,thread=multi -cpu max) ;;
  *) echo "vm-test: VETHBENCH_VM_ACCEL=$accel: expected auto, kvm or tcg" >&2; exit 2 ;;
esac

# The job: what guest-init evaluates before it runs COMMAND (the newer iproute2 first on PATH, guest markers).
guest_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
[ -n "$VM_IPROUTE2_ROOT" ] && guest_path="$VM_IPROUTE2_ROOT/usr/sbin:$VM_IPROUTE2_ROOT/sbin:$VM_IPROUTE2_ROOT/bin:$guest_path"
{
  printf 'export PATH=%q\n' "$guest_path"
  printf 'export VETHBENCH_GUEST=1 VETHBENCH_TIME_SCALE=%q VETHBENCH_VM_ACCEL=%q\n' "$time_scale" "$accel"
  [ -n "${CI:-}" ] && printf 'export CI=%q\n' "$CI"
  printf 'COMMAND=('; printf ' %q' "$@"; printf ' )\n'
} >"$run/job"

"$virtiofsd" --socket-path="$run/root.sock" -o source=/ -o cache=none -o sandbox=chroot -o log_level=warn 2>>"$run/virtiofsd.log" &
pids+=($!)
"$virtiofsd" --socket-path="$run/work.sock" -o source="$repo" -o cache=none -o sandbox=chroot -o log_level=warn 2>>"$run/virtiofsd.log" &
pids+=($!)
for _ in $(seq 50); do [ -S "$run/root.sock" ] && [ -S "$run/work.sock" ] && break; sleep 0.1; done
[ -S "$run/root.sock" ] && [ -S "$run/work.sock" ] || { cat "$run/virtiofsd.log" >&2; vm_fail "virtiofsd did not start" "$install_line"; }

# Until a prebuilt dist/ exists the guest runs TypeScript through tsx: compile on the host (fast) into tsx's cache,
# then hand that cache, packed, to the guest (see guest-init.sh); harmless when absent or stale.
[ "${VETHBENCH_VM_WARM:-1}" = 1 ] && (cd "$repo" && node --import tsx scripts/vm/warm-tsx-cache.ts) >&2
# The host's tsx compile cache, packed for the guest (see guest-init.sh); harmless when absent or stale.
tsx_dir="${TMPDIR:-/tmp}/tsx-$(id -u)"
tsx_arg=""
if [ -d "$tsx_dir" ] && tar -C "$(dirname "$tsx_dir")" -cf "$run/tsx-cache.tar" "$(basename "$tsx_dir")" 2>/dev/null; then
  tsx_arg=" vethbench.tsxcache=$run/tsx-cache.tar"
fi

append="console=ttyS0 rootfstype=virtiofs root=rootfs ro init=$repo/scripts/vm/guest-init.sh panic=-1 quiet loglevel=4"
append+=" vethbench.job=$run/job vethbench.work=$repo vethbench.modroot=$VM_MODULES_ROOT$tsx_arg"
echo "vm-test: booting $VM_KERNEL_VERSION ($accel, $cpus CPUs, $memory), iproute2 ${VM_IPROUTE2_ROOT:-of the host}, limit ${timeout_s}s" >&2
: >"$run/console.log"
qemu-system-x86_64 "${accel_args[@]}" -smp "$cpus" -m "$memory" -nodefaults -display none -no-reboot \
  -object "memory-backend-memfd,id=mem,size=$memory,share=on" -numa node,memdev=mem \
  -chardev "socket,id=rootfs,path=$run/root.sock" -device vhost-user-fs-pci,chardev=rootfs,tag=rootfs \
  -chardev "socket,id=work,path=$run/work.sock" -device vhost-user-fs-pci,chardev=work,tag=work \
  -object rng-random,id=rng,filename=/dev/urandom -device virtio-rng-pci,rng=rng \
  -serial "file:$run/console.log" -kernel "$VM_VMLINUZ" -append "$append" </dev/null >>"$run/qemu.log" 2>&1 &
qemu=$!
pids=("$qemu" "${pids[@]}")
started=$SECONDS

# Stream the console while qemu runs; the time limit kills qemu (by its pid) and the lane exits 124.
tail -n +1 -f --pid="$qemu" "$run/console.log" | sed -u "s/\r\$//" &
tailer=$!
timed_out=0
while kill -0 "$qemu" 2>/dev/null; do
  if [ $((SECONDS - started)) -ge "$timeout_s" ]; then timed_out=1; kill "$qemu"; break; fi
  sleep 1
done
wait "$qemu" 2>/dev/null && qemu_rc=0 || qemu_rc=$?
wait "$tailer" 2>/dev/null || true
echo "vm-test: guest ran $((SECONDS - started)) s" >&2

if [ "$timed_out" = 1 ]; then echo "vm-test: time limit of ${timeout_s}s passed (VETHBENCH_VM_TIMEOUT); guest killed" >&2; exit 124; fi
code=$(tr -d '\r' <"$run/console.log" | sed -n 's/^VETHBENCH-VM-EXIT=\([0-9]\{1,3\}\)$/\1/p' | tail -n 1)
if [ -z "$code" ]; then
  echo "vm-test: the guest ended without an exit marker (qemu exit $qemu_rc)" >&2
  cat "$run/qemu.log" "$run/virtiofsd.log" >&2
  exit 3
fi
exit "$code"
}
