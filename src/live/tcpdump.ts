// The shell of `vethbench capture`: one tcpdump per end, inside the end's namespace, its stdout (the pcap) written
// by vethbench to the file. Binary output is why this does not go through Host.spawn (which collects text).
import { execa } from 'execa';
import { inNetns } from '../host/host.ts';
import { parseTcpdumpCounts, tcpdumpArgv, type CaptureEnd } from './packet-capture.ts';

export interface EndCapture {
  end: CaptureEnd;
  path: string;
  exitCode: number | undefined;
  stderr: string;
  captured?: number;
  dropped?: number;
  /** Stopped at --timeout before --count packets came. */
  timedOut: boolean;
}

/** Captures up to `count` packets on every end at once; each stops at its count or after `timeoutS` (SIGTERM: tcpdump flushes). */
export async function captureEndsToFiles(ends: readonly { end: CaptureEnd; path: string }[], count: number, timeoutS: number): Promise<EndCapture[]> {
  return Promise.all(ends.map(async ({ end, path }) => {
    const argv = inNetns(tcpdumpArgv(end.iface, count), end.netns);
    const child = execa(argv[0]!, argv.slice(1), { reject: false, stdout: { file: path }, stdin: 'ignore', detached: true, env: { LC_ALL: 'C' } });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGTERM'); }, timeoutS * 1000);
    const r = await child;
    clearTimeout(timer);
    const stderr = typeof r.stderr === 'string' ? r.stderr : '';
    return { end, path, exitCode: r.exitCode, stderr, timedOut, ...parseTcpdumpCounts(stderr) };
  }));
}
