import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PreflightError } from '../../src/errors.ts';
import type { ExecOptions, ExecResult, Host, SpawnedProcess } from '../../src/host/host.ts';
import {
  TOOL_REQUIREMENTS, assertPreflight, checkPreflight, findBinary, hasNetAdminCaps, parseEthtoolVersion,
  parseIperf3Version, parseIproute2Version, parseSockperfVersion, preflightProblems, searchDirs, toolVersionTexts,
  type PreflightReport,
} from '../../src/host/preflight.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

/** A Host that answers version commands from the captured fixtures and records what it was asked. */
function versionHost(calls: string[][]): Host {
  const outputs: Record<string, string> = {
    ip: fixture('versions/iproute2.txt'),
    ethtool: fixture('versions/ethtool.txt'),
    iperf3: fixture('versions/iperf3.txt'),
    sockperf: fixture('versions/sockperf.txt'),
  };
  return {
    async exec(argv: readonly string[], _options?: ExecOptions): Promise<ExecResult> {
      calls.push([...argv]);
      const name = argv[0]!.split('/').pop()!;
      return { argv, exitCode: 0, stdout: outputs[name] ?? '', stderr: '', timedOut: false, signal: undefined, durationMs: 1 };
    },
    spawn(): SpawnedProcess {
      throw new Error('not used');
    },
  };
}

function report(over: Partial<PreflightReport> = {}): PreflightReport {
  return { needRoot: true, isRoot: true, euid: 0, netAdminCaps: true, binaries: [], versions: {}, ...over };
}

describe('hasNetAdminCaps (real /proc/self/status captures)', () => {
  it('root has every capability', () => assert.equal(hasNetAdminCaps(fixture('proc-status/root.txt')), true));
  it('nobody has none', () => assert.equal(hasNetAdminCaps(fixture('proc-status/nobody.txt')), false));
  it('nobody with ambient CAP_NET_ADMIN+CAP_SYS_ADMIN qualifies', () =>
    assert.equal(hasNetAdminCaps(fixture('proc-status/nobody-net-sys-admin.txt')), true));
  it('CAP_NET_ADMIN alone is not enough (namespaces need CAP_SYS_ADMIN)', () =>
    assert.equal(hasNetAdminCaps(fixture('proc-status/nobody-net-admin-only.txt')), false));
  it('text without CapEff is not privileged', () => assert.equal(hasNetAdminCaps('Name:\tcat\n'), false));
});

describe('version parsers (real output of this machine)', () => {
  it('iperf3', () => assert.deepEqual(parseIperf3Version(fixture('versions/iperf3.txt')), { text: '3.12', major: 3, minor: 12 }));
  it('iproute2', () =>
    assert.deepEqual(parseIproute2Version(fixture('versions/iproute2.txt')), { text: '6.1.0', major: 6, minor: 1, patch: 0 }));
  it('ethtool', () => assert.deepEqual(parseEthtoolVersion(fixture('versions/ethtool.txt')), { text: '6.1', major: 6, minor: 1 }));
  it('sockperf keeps the suffix in text', () =>
    assert.deepEqual(parseSockperfVersion(fixture('versions/sockperf.txt')), { text: '3.7-no.git', major: 3, minor: 7 }));
  it('is tolerant: undefined for empty, foreign or snapshot-tagged text', () => {
    for (const parse of [parseIperf3Version, parseIproute2Version, parseEthtoolVersion, parseSockperfVersion]) {
      assert.equal(parse(''), undefined);
      assert.equal(parse('command not found'), undefined);
    }
    // Old iproute2 printed a snapshot date instead of a version number (hand-written form of that line).
    assert.equal(parseIproute2Version('ip utility, iproute2-ss200127'), undefined);
  });
  it('reads three-part versions (hand-written forms of newer releases)', () => {
    assert.deepEqual(parseIperf3Version('iperf 3.17.1 (cJSON 1.7.15)'), { text: '3.17.1', major: 3, minor: 17, patch: 1 });
    assert.equal(parseEthtoolVersion('ethtool version 6.10')?.minor, 10);
  });
});

describe('PATH search', () => {
  it('adds /usr/sbin and /sbin once', () => {
    assert.deepEqual(searchDirs('/usr/local/bin:/usr/bin'), ['/usr/local/bin', '/usr/bin', '/usr/sbin', '/sbin']);
    assert.deepEqual(searchDirs('/sbin::/usr/sbin'), ['/sbin', '/usr/sbin']);
    assert.deepEqual(searchDirs(undefined), ['/usr/sbin', '/sbin']);
  });
  it('finds an executable file and skips directories and missing names', async () => {
    assert.match((await findBinary('ip', searchDirs(process.env.PATH))) ?? '', /\/ip$/);
    assert.equal(await findBinary('vethbench-no-such-tool', searchDirs(process.env.PATH)), undefined);
    assert.equal(await findBinary('bin', ['/usr']), undefined); // /usr/bin is a directory
  });
});

describe('checkPreflight', () => {
  it('finds binaries, runs version commands by absolute path and parses them', async () => {
    const calls: string[][] = [];
    const r = await checkPreflight(versionHost(calls), {
      needRoot: true, binaries: ['ip', 'ethtool', 'iperf3', 'sockperf', 'vethbench-no-such-tool'],
    });
    assert.deepEqual(r.binaries.filter((b) => !b.found).map((b) => b.binary), ['vethbench-no-such-tool']);
    assert.ok(calls.every((argv) => argv[0]!.startsWith('/')), JSON.stringify(calls));
    assert.deepEqual(toolVersionTexts(r), { iproute2: '6.1.0', ethtool: '6.1', iperf3: '3.12', sockperf: '3.7-no.git' });
    assert.equal(r.versions.iperf3?.line, 'iperf 3.12 (cJSON 1.7.15)');
    const status = readFileSync('/proc/self/status', 'utf8');
    assert.equal(r.isRoot, process.geteuid?.() === 0 || hasNetAdminCaps(status));
  });
  it('asks no version of tools it was not asked about', async () => {
    const calls: string[][] = [];
    const r = await checkPreflight(versionHost(calls), { needRoot: false, binaries: ['ip'] });
    assert.deepEqual(Object.keys(r.versions), ['iproute2']);
    assert.equal(calls.length, 1);
  });
});

describe('preflightProblems / assertPreflight', () => {
  it('knows a package for every listed tool', () => {
    for (const t of TOOL_REQUIREMENTS) assert.ok(t.debianPackage && t.purpose, t.binary);
    assert.equal(TOOL_REQUIREMENTS.find((t) => t.binary === 'sockperf')?.optional, true);
    assert.equal(TOOL_REQUIREMENTS.find((t) => t.binary === 'iperf3')?.optional, false);
  });
  it('no problems when root and everything is found', () => {
    assert.deepEqual(preflightProblems(report({ binaries: [{ binary: 'ip', found: true, path: '/usr/sbin/ip' }] })), []);
    assert.doesNotThrow(() => assertPreflight(report()));
  });
  it('not root matters only when root is needed', () => {
    assert.deepEqual(preflightProblems(report({ isRoot: false, euid: 1000, netAdminCaps: false })), [{
      problem: 'vethbench run needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN to create namespaces)',
      fix: 'run it with sudo',
    }]);
    assert.deepEqual(preflightProblems(report({ needRoot: false, isRoot: false, euid: 1000 })), []);
  });
  it('groups every missing package into one apt-get line, each package once', () => {
    const problems = preflightProblems(report({
      binaries: [
        { binary: 'ip', found: false }, { binary: 'ss', found: false }, { binary: 'ethtool', found: true, path: '/usr/sbin/ethtool' },
        { binary: 'iperf3', found: false }, { binary: 'ping', found: false },
      ],
    }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.fix, 'apt-get install -y iproute2 iperf3 iputils-ping');
    assert.match(problems[0]!.problem, /^missing programs: ip \(.*\), ss \(.*\), iperf3 \(throughput workloads\), ping \(/);
  });
  it('a binary without a known package gets its own fix', () => {
    const problems = preflightProblems(report({ binaries: [{ binary: 'bpftool', found: false }] }));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.problem, /bpftool/);
    assert.doesNotMatch(problems[0]!.fix, /apt-get/);
  });
  it('throws one PreflightError (exit code 3) listing every problem and fix', () => {
    const r = report({ isRoot: false, euid: 1000, netAdminCaps: false, binaries: [{ binary: 'iperf3', found: false }] });
    assert.throws(() => assertPreflight(r), (e: unknown) => {
      assert.ok(e instanceof PreflightError);
      assert.equal(e.exitCode, 3);
      assert.match(e.message, /2 problems/);
      assert.match(e.message, /needs root/);
      assert.match(e.message, /fix: run it with sudo/);
      assert.match(e.message, /fix: apt-get install -y iperf3/);
      return true;
    });
  });
  it('a single problem reads as one line', () => {
    assert.throws(() => assertPreflight(report({ binaries: [{ binary: 'iperf3', found: false }] })),
      { message: 'missing program: iperf3 (throughput workloads); fix: apt-get install -y iperf3' });
  });
});
