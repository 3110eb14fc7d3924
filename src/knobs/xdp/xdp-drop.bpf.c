// SPDX-License-Identifier: GPL-2.0
// vethbench's XDP knob, value "drop": drops every frame at the driver, before the receive stack. For the pps
// workload only: the receiver's rx_packets still counts what arrived, so the packet rate is the link's, not the stack's.
// Compiled on first use: clang -target bpf -O2 -g -I/usr/include/<multiarch> -c xdp-drop.bpf.c -o xdp-drop.bpf.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
