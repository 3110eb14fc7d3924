#!/bin/bash
# PID 1 of the lane's guest (scripts/vm-test.sh boots it with init=<this file>). The root is the host's, read-only
# over virtiofs; this script gives the guest its own /proc, /sys, /dev, /tmp and /run, mounts the writable checkout
# share over the checkout, points module loading at the cached kernel's modules, runs the job as root and prints
#   VETHBENCH-VM-EXIT=<code>
# on the serial console before it powers the guest off. Nothing here writes to the host except through the share.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

param() { # the value of vethbench.$1=… on the kernel command line
  local word
  for word in $(</proc/cmdline); do
    case "$word" in "vethbench.$1="*) echo "${word#*=}"; return ;; esac
  done
}

finish() {
  echo "VETHBENCH-VM-EXIT=$1"
  sync
  echo o >/proc/sysrq-trigger # power off now; with panic=-1 and -no-reboot an exit would end qemu too
  sleep 10
  exit "$1"
}

mount -t proc proc /proc
# The job file lives in the lane's cache directory (the host root, read-only).
job=$(param job)
[ -r "$job" ] || { echo "guest-init: no job file ${job:-(vethbench.job= missing)}"; finish 3; }
jobtext=$(<"$job")

mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
# tsx compiles every .ts file on first import, 10-30x slower under emulation: start from the host's compile cache
# (content-keyed, so stale entries are only unused), packed by vm-test.sh into one file (one read over virtiofs).
tsxcache=$(param tsxcache)
[ -n "$tsxcache" ] && tar -C /tmp -xf "$tsxcache" 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
mount -t bpf bpf /sys/fs/bpf 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

work=$(param work)
# A checkout under /tmp or /run lies on the guest's own tmpfs: make its mount point there.
[ -d "$work" ] || mkdir -p "$work"
mount -t virtiofs work "$work" || { echo "guest-init: cannot mount the checkout share on $work"; finish 3; }

# Modules stay in the lane's cache: the host root has no /lib/modules to mount over (and it is read-only), so
# modprobe is pointed at the cache with -d, for the kernel's own request_module (kernel.modprobe) and on PATH.
modroot=$(param modroot)
mkdir -p /run/vethbench-vm/bin
cat >/run/vethbench-vm/bin/modprobe <<EOF
#!/bin/sh
exec /sbin/modprobe -d '$modroot' "\$@"
EOF
chmod 755 /run/vethbench-vm/bin/modprobe
echo /run/vethbench-vm/bin/modprobe >/proc/sys/kernel/modprobe
/run/vethbench-vm/bin/modprobe virtio-rng 2>/dev/null

ip link set lo up
hostname vethbench-vm 2>/dev/null

cd "$work" || finish 3
# The job file sets PATH (the newer iproute2 first), the env and COMMAND (an array); see scripts/vm-test.sh.
eval "$jobtext"
export PATH="/run/vethbench-vm/bin:$PATH"
echo "guest-init: $(uname -r) up $(cut -d' ' -f1 /proc/uptime) s, $(ip -V), running: ${COMMAND[*]}"
"${COMMAND[@]}" </dev/null
finish $?
