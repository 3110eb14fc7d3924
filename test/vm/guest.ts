// The VM lane's tests run only inside the guest that scripts/vm-test.sh boots (its init sets VETHBENCH_GUEST=1):
// there the kernel has ipvlan, netkit, fq, fq_codel and netem. On the host they skip, saying how to run them.
export const inGuest = process.env.VETHBENCH_GUEST === '1';

/** Why a guest test cannot run here, or false. */
export const guestOnly: string | false = inGuest
  ? false
  : 'runs in the VM lane only (needs ipvlan, netkit, fq, fq_codel, netem: a kernel with them): scripts/vm-test.sh scripts/vm/guest-tests.sh';

/** Emulation (TCG) runs node 10–30× slower: every test timeout is multiplied by VETHBENCH_TIME_SCALE (default 1). */
export function scaled(ms: number): number {
  const scale = Number(process.env.VETHBENCH_TIME_SCALE ?? '1');
  return Math.round(ms * (Number.isFinite(scale) && scale >= 1 ? scale : 1));
}
