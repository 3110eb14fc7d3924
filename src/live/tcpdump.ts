// The shell of `vethbench capture`: one tcpdump per end, inside the end's namespace, through the Host; its stdout
// (the pcap) goes straight to the file vethbench opened (ExecOptions.stdoutFile), never through a text buffer.
import type { Host } from '../host/host.ts';
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
export async function captureEndsToFiles(host: Host, ends: readonly { end: CaptureEnd; path: string }[], count: number, timeoutS: number): Promise<EndCapture[]> {
  return Promise.all(ends.map(async ({ end, path }) => {
    const r = await host.exec(tcpdumpArgv(end.iface, count), { netns: end.netns, stdoutFile: path, timeoutMs: timeoutS * 1000 });
    return { end, path, exitCode: r.exitCode, stderr: r.stderr, timedOut: r.timedOut, ...parseTcpdumpCounts(r.stderr) };
  }));
}
