// How crr's client is ended and judged, with real `timeout`s around real processes: one that ignores the first
// SIGINT (as iperf2 2.1.8's --connect-only with -P > 1 mostly does) ends on the second; one that ignores both is
// killed and said so; a crash is told apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { stopAfter } from '../../src/workloads/crr-plan.ts';
import { iperf2Killed } from '../../src/workloads/iperf2-run.ts';

const host = new ExecaHost();
const judged = async (argv: readonly string[]) => {
  const result = await host.exec(argv, { timeoutMs: 10_000 });
  return { result, why: iperf2Killed({ result, text: `${result.stdout}${result.stderr}`, rawOutput: 'raw.txt' }, 1) };
};
const stopped = (script: string) => stopAfter(0.3, { argv: ['sh', '-c', script] }).argv;

test('a client that ignores the first SIGINT ends on the second, 50 ms later, and is not failed', async () => {
  const { result, why } = await judged(stopped('n=0; trap \'n=$((n+1)); [ $n -ge 2 ] && { echo "stopped at INT $n"; exit 0; }\' INT; while :; do sleep 0.01; done'));
  assert.equal(why, undefined, `signal ${result.signal}, exit ${result.exitCode}`);
  assert.match(result.stdout, /stopped at INT 2/);
  assert.ok(result.durationMs < 2000, `${result.durationMs} ms`);
});

test('a client that ignores both is killed 3 s later: failed, said so, whatever form the kill takes', async () => {
  const { result, why } = await judged(stopped('trap "" INT; echo connecting; sleep 8'));
  // timeout without --foreground kills its own process group, itself included: the parent sees SIGKILL.
  assert.ok(result.signal === 'SIGKILL' || result.exitCode === 137, `signal ${result.signal}, exit ${result.exitCode}`);
  assert.match(why ?? '', /ignored the SIGINTs .* killed 3 s later.*: connecting$/);
});

test('a client killed by a signal of its own is a crash', async () => {
  const crashed = await judged(['sh', '-c', 'echo "free(): double free detected"; kill -ABRT $$']);
  assert.match(crashed.why ?? '', /^iperf2 client crashed \(SIGABRT\): free\(\): double free detected$/);
});
