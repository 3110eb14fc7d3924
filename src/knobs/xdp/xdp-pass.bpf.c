// SPDX-License-Identifier: GPL-2.0
// vethbench's XDP knob: the smallest native XDP program, which passes every frame on. Attaching it switches veth's
// receive side to its NAPI path (and the kernel strips TSO/GSO from the peer); the verdict itself changes nothing.
// Compiled on first use: clang -target bpf -O2 -g -I/usr/include/<multiarch> -c xdp-pass.bpf.c -o xdp-pass.bpf.o
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
