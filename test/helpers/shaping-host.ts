// Fault injection for the regression tests: a Host that attaches a tc tbf shaper to the client's veth end right
// after the topology build, so a run really carries less traffic (the qdisc knob catalogue is a separate issue).
import type { Host } from '../../src/host/host.ts';

/** `queue`: tbf's burst and queue arguments; the default lets TCP through at 30+ Gbit/s, a short queue makes UDP lose. */
export function shapingHost(inner: Host, rateBitsPerSecond: number, queue: readonly string[] = ['burst', '4mb', 'latency', '50ms']): Host {
  return {
    async exec(argv, options) {
      const result = await inner.exec(argv, options);
      // The build runs `ip -n <prefix>-cli -batch -` with "addr add … dev <iface>" on its stdin.
      const netns = argv[0] === 'ip' && argv[1] === '-n' && argv[3] === '-batch' ? argv[2] : undefined;
      const iface = /addr add \S+ dev (\S+)/.exec(options?.stdin ?? '')?.[1];
      if (result.exitCode !== 0 || !netns?.endsWith('-cli') || !iface) return result;
      // tbf needs a burst of at least rate/HZ; 4 MB covers 30+ Gbit/s at HZ 1000.
      const tc = ['tc', 'qdisc', 'add', 'dev', iface, 'root', 'tbf', 'rate', `${Math.round(rateBitsPerSecond)}bit`, ...queue];
      const shaped = await inner.exec(tc, { netns, timeoutMs: 10_000 });
      return shaped.exitCode === 0 ? result : shaped;
    },
    spawn: (argv, options) => inner.spawn(argv, options),
  };
}
