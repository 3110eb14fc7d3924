// The pure half of `vethbench capture`: which ends (every measured link end, inside the topology's namespaces,
// never the root namespace), tcpdump's argv (pcap on stdout), its closing counts, and the pcap summary.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { captureEnds, describeSummary, parseTcpdumpCounts, summarizePcap, tcpdumpArgv } from '../../src/live/packet-capture.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';

const FIXTURES = new URL('../fixtures/pcap/', import.meta.url).pathname;

describe('captureEnds', () => {
  it('a router topology: both ends of both hops, each in its own namespace, one file each', () => {
    const ends = captureEnds(resolveTopology({ kind: 'router' }, 'vb12ab'), 'lab');
    assert.deepEqual(ends.map((e) => `${e.netns}/${e.iface} ${e.address} ${e.file}`), [
      'vb12ab-cli/vb12abcli0 198.18.0.1 lab-vb12ab-cli-vb12abcli0.pcap',
      'vb12ab-rtr/vb12abrtr0 198.18.0.2 lab-vb12ab-rtr-vb12abrtr0.pcap',
      'vb12ab-rtr/vb12abrtr1 198.18.1.1 lab-vb12ab-rtr-vb12abrtr1.pcap',
      'vb12ab-srv/vb12absrv0 198.18.1.2 lab-vb12ab-srv-vb12absrv0.pcap',
    ]);
  });
  it('an end outside the topology\'s namespaces (the root namespace) is refused, exit 2', () => {
    const topology = resolveTopology({ kind: 'pair' }, 'vb12ab');
    const rooted = { ...topology, links: [{ ...topology.links[0]!, a: { ...topology.links[0]!.a, netns: '' } }] };
    assert.throws(() => captureEnds(rooted, 'lab'), (e: Error & { exitCode?: number }) => e.exitCode === 2 && /is not inside the topology's namespaces/.test(e.message));
  });
});

describe('tcpdump', () => {
  it('writes the pcap to stdout, packet-buffered, no name resolution, stops at the count', () => {
    assert.deepEqual(tcpdumpArgv('vb12abcli0', 20), ['tcpdump', '-i', 'vb12abcli0', '-n', '-U', '-c', '20', '-w', '-']);
  });
  it('reads its closing counts', () => {
    assert.deepEqual(parseTcpdumpCounts('tcpdump: listening on x, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n4 packets captured\n5 packets received by filter\n0 packets dropped by kernel\n'), { captured: 4, dropped: 0 });
    assert.deepEqual(parseTcpdumpCounts('tcpdump: x: No such device exists'), {});
  });
});

describe('summarizePcap', () => {
  it('an empty or header-only capture is 0 packets; a foreign file is refused', () => {
    assert.deepEqual(summarizePcap(new Uint8Array(0)), { packets: 0, bytes: 0, spanS: 0, protocols: {} });
    assert.throws(() => summarizePcap(new TextEncoder().encode('<html> not a capture at all </html>')), /not a pcap file/);
  });
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.pcap'));
  it('real captures from a live router topology (test/fixtures/pcap/README.md): packets, bytes, protocols', () => {
    assert.ok(fixtures.length >= 2, 'the fixtures are there');
    for (const file of fixtures) {
      const data = readFileSync(join(FIXTURES, file));
      const s = summarizePcap(data);
      assert.equal(s.packets, 4, file);
      assert.deepEqual(s.protocols, { ICMP: 3, 'IPv6 other': 1 }, 'as tcpdump -nr reads them');
      assert.equal(s.bytes, 384);
      // The same file cut mid-record: the whole records are still counted.
      assert.equal(summarizePcap(data.subarray(0, data.length - 3)).packets, 3);
      assert.match(describeSummary(s), /^4 packets, \d+ B in \d+\.\d\d s \(/);
    }
  });
});
