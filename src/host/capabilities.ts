// Which link kinds can this host create? Probed for real, but only inside a scratch namespace that is
// always deleted again. Turning the kernel's or iproute2's answer into an actionable reason is pure.
import { HostCommandError, InputError } from '../errors.ts';
import type { ExecResult, Host } from './host.ts';
import { parseIproute2Version } from './preflight.ts';
import { LINK_KINDS, type KindSupport, type LinkKind } from '../topology/kernel-kinds.ts';

// The domain types live in the pure core; re-exported for the shell's callers.
export { LINK_KINDS, type KindSupport, type LinkKind };

/** The device a probe creates for each kind (veth also creates its peer `p1`). */
export const PROBE_DEVICE: Readonly<Record<LinkKind, string>> = {
  veth: 'p0', macvlan: 'mv0', ipvlan: 'iv0', netkit: 'nk0', bridge: 'br0', vxlan: 'vx0',
};

/** The `ip link add` arguments that probe one kind. macvlan and ipvlan hang off the probe veth `p0`. */
export function probeLinkAddArgs(kind: LinkKind): string[] {
  const dev = PROBE_DEVICE[kind];
  switch (kind) {
    case 'veth': return ['link', 'add', dev, 'type', 'veth', 'peer', 'name', 'p1'];
    // Always an explicit mode: macvlan's default (vepa) and ipvlan's (l3) are not what benchmarks use.
    case 'macvlan': return ['link', 'add', dev, 'link', PROBE_DEVICE.veth, 'type', 'macvlan', 'mode', 'bridge'];
    case 'ipvlan': return ['link', 'add', dev, 'link', PROBE_DEVICE.veth, 'type', 'ipvlan', 'mode', 'l2'];
    case 'netkit': return ['link', 'add', dev, 'type', 'netkit', 'mode', 'l3', 'peer', 'name', 'nk1'];
    case 'bridge': return ['link', 'add', dev, 'type', 'bridge'];
    // No `dev` and an unconfigured RFC 2544 local address: needs nothing else to exist.
    case 'vxlan': return ['link', 'add', dev, 'type', 'vxlan', 'id', '42', 'dstport', '4789', 'local', '198.18.255.1'];
  }
}

const KERNEL_OPTION: Readonly<Record<LinkKind, string>> = {
  veth: 'kernel lacks CONFIG_VETH (module veth not available)',
  macvlan: 'kernel lacks CONFIG_MACVLAN (module macvlan not available)',
  ipvlan: 'kernel lacks CONFIG_IPVLAN (module ipvlan not available)',
  netkit: 'kernel lacks netkit (needs Linux >= 6.7 with CONFIG_NETKIT)',
  bridge: 'kernel lacks CONFIG_BRIDGE (module bridge not available)',
  vxlan: 'kernel lacks CONFIG_VXLAN (module vxlan not available)',
};

/** The first iproute2 release that knows each kind's arguments. */
const MIN_IPROUTE2: Readonly<Record<LinkKind, [number, number]>> = {
  veth: [2, 6], macvlan: [2, 6], ipvlan: [3, 19], netkit: [6, 8], bridge: [3, 0], vxlan: [3, 7],
};

export type LinkAddFailure = 'kernel-lacks-kind' | 'iproute2-lacks-kind' | 'not-permitted' | 'busy' | 'missing-device' | 'other';

/** What kind of "no" an `ip link add` stderr is. */
export function classifyLinkAddFailure(stderr: string): LinkAddFailure {
  // Kernel with extack: "Error: Unknown device type."; without: "RTNETLINK answers: Operation not supported".
  if (/Unknown device type|Operation not supported|\bNot supported\b/i.test(stderr)) return 'kernel-lacks-kind';
  // iproute2 without a parser for the type passes the kind through and then trips over its arguments:
  // 'Garbage instead of arguments "mode ...". Try "ip link help".' (iproute2 6.1 on `type netkit mode l3`).
  if (/Garbage instead of arguments|Unknown link type|type "[^"]*" not supported/i.test(stderr)) return 'iproute2-lacks-kind';
  if (/Operation not permitted|Permission denied/i.test(stderr)) return 'not-permitted';
  if (/Device or resource busy/i.test(stderr)) return 'busy';
  if (/Cannot find device/i.test(stderr)) return 'missing-device';
  return 'other';
}

function atLeast(version: string | undefined, [major, minor]: [number, number]): boolean | undefined {
  const v = version === undefined ? undefined : parseIproute2Version(`iproute2-${version}`);
  if (!v) return undefined;
  return v.major > major || (v.major === major && v.minor >= minor);
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/**
 * An actionable reason for a failed `ip link add … type <kind>`. `iproute2Version` is the version text
 * ("6.1.0") when known; it decides whether an argument error means "iproute2 is too old".
 */
export function explainLinkAddFailure(kind: LinkKind, stderr: string, iproute2Version?: string): string {
  const said = firstLine(stderr);
  const [major, minor] = MIN_IPROUTE2[kind];
  switch (classifyLinkAddFailure(stderr)) {
    case 'kernel-lacks-kind':
      return KERNEL_OPTION[kind];
    case 'iproute2-lacks-kind': {
      const newEnough = atLeast(iproute2Version, MIN_IPROUTE2[kind]);
      if (newEnough === true) return `iproute2 ${iproute2Version} rejected the ${kind} arguments: ${said}`;
      return `iproute2 ${iproute2Version ?? '(version unknown)'} does not know ${kind} (needs iproute2 >= ${major}.${minor})`;
    }
    case 'not-permitted':
      return `not permitted to create a ${kind} link (needs root: CAP_NET_ADMIN): ${said}`;
    case 'busy':
      return `the probe's parent device is already in use by another link type: ${said}`;
    case 'missing-device':
      return `the probe's parent device is missing: ${said}`;
    case 'other':
      return said === '' ? `ip link add … type ${kind} failed without a message` : `ip link add … type ${kind} failed: ${said}`;
  }
}

/**
 * netkit when iproute2 does not know it: the reason says so, and a bare `type netkit` (which old
 * iproute2 passes straight to the kernel) tells whether the kernel has it.
 */
export function explainNetkitProbe(
  fullStderr: string,
  bare: { ok: boolean; stderr: string } | undefined,
  iproute2Version?: string,
): string {
  const reason = explainLinkAddFailure('netkit', fullStderr, iproute2Version);
  if (classifyLinkAddFailure(fullStderr) !== 'iproute2-lacks-kind' || !bare) return reason;
  if (bare.ok) return `${reason}; the kernel itself has netkit`;
  return `${reason}; ${explainLinkAddFailure('netkit', bare.stderr, iproute2Version)}`;
}

const NETNS_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const TIMEOUT_MS = 10_000;

function failureText(r: ExecResult): string {
  if (r.timedOut) return `timed out after ${TIMEOUT_MS} ms`;
  return r.stderr.trim() || r.stdout.trim() || `exit code ${r.exitCode ?? 'none'}`;
}

/**
 * Creates `scratchNetns`, tries every link kind inside it (never in the root namespace), and deletes the
 * namespace again whatever happens. Throws HostCommandError when the namespace itself cannot be created.
 */
export async function probeLinkKinds(host: Host, scratchNetns: string): Promise<KindSupport[]> {
  if (!NETNS_NAME.test(scratchNetns)) {
    throw new InputError(`scratch namespace name ${JSON.stringify(scratchNetns)} is not a plain name (letters, digits, _ . -)`);
  }
  const add = ['ip', 'netns', 'add', scratchNetns];
  const created = await host.exec(add, { timeoutMs: TIMEOUT_MS });
  if (created.exitCode !== 0) throw new HostCommandError(add, `exit code ${created.exitCode ?? 'none'}`, failureText(created));

  let probed = false;
  try {
    const inNs = (args: string[]) => host.exec(['ip', '-n', scratchNetns, ...args], { timeoutMs: TIMEOUT_MS });
    let iproute2Version: string | undefined;
    let versionAsked = false;
    const iproute2 = async () => {
      if (!versionAsked) {
        versionAsked = true;
        const r = await host.exec(['ip', '-V'], { timeoutMs: TIMEOUT_MS });
        iproute2Version = parseIproute2Version(r.stdout)?.text;
      }
      return iproute2Version;
    };

    const results: KindSupport[] = [];
    let vethOk = false;
    for (const kind of LINK_KINDS) {
      if ((kind === 'macvlan' || kind === 'ipvlan') && !vethOk) {
        results.push({ kind, supported: false, reason: `not probed: ${kind} needs a veth parent and veth could not be created` });
        continue;
      }
      const r = await inNs(probeLinkAddArgs(kind));
      if (r.exitCode === 0) {
        results.push({ kind, supported: true });
        if (kind === 'veth') vethOk = true;
        // Keep the veth parent; remove the others so each probe starts from the same state
        // (macvlan and ipvlan cannot share a parent).
        else await inNs(['link', 'del', PROBE_DEVICE[kind]]);
        continue;
      }
      const stderr = failureText(r);
      let reason: string;
      if (kind === 'netkit' && classifyLinkAddFailure(stderr) === 'iproute2-lacks-kind') {
        const bare = await inNs(['link', 'add', PROBE_DEVICE.netkit, 'type', 'netkit']);
        reason = explainNetkitProbe(stderr, { ok: bare.exitCode === 0, stderr: failureText(bare) }, await iproute2());
      } else {
        reason = explainLinkAddFailure(kind, stderr, classifyLinkAddFailure(stderr) === 'iproute2-lacks-kind' ? await iproute2() : undefined);
      }
      results.push({ kind, supported: false, reason });
    }
    probed = true;
    return results;
  } finally {
    // Deleting the namespace destroys every probe device in it.
    const del = ['ip', 'netns', 'delete', scratchNetns];
    const deleted = await host.exec(del, { timeoutMs: TIMEOUT_MS });
    // A leftover namespace must not go unnoticed, but must not hide the error that got us here either.
    if (deleted.exitCode !== 0 && probed) throw new HostCommandError(del, `exit code ${deleted.exitCode ?? 'none'}`, failureText(deleted));
  }
}
