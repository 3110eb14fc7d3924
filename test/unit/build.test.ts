import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCommands, createNamespacesCommand, deleteNamespacesCommand, namespaceBatchText } from '../../src/net/build.ts';
import { describeCommand, type HostCommand } from '../../src/net/command.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';

const pair = resolveTopology({ kind: 'pair' }, 'vb1a2b');
const router = resolveTopology({ kind: 'router' }, 'vb1a2b');

describe('buildCommands: pair', () => {
  it('creates the namespaces, then one batch per namespace; the first creates the veth pair with netns on both ends', () => {
    assert.deepEqual(buildCommands(pair), [
      { argv: ['ip', '-batch', '-'], stdin: 'netns add vb1a2b-cli\nnetns add vb1a2b-srv\n' },
      {
        argv: ['ip', '-n', 'vb1a2b-cli', '-batch', '-'],
        stdin: [
          'link add name vb1a2bcli0 netns vb1a2b-cli type veth peer name vb1a2bsrv0 netns vb1a2b-srv',
          'link set lo up',
          'addr add 198.18.0.1/24 dev vb1a2bcli0',
          'link set vb1a2bcli0 up',
          '',
        ].join('\n'),
      },
      {
        argv: ['ip', '-n', 'vb1a2b-srv', '-batch', '-'],
        stdin: ['link set lo up', 'addr add 198.18.0.2/24 dev vb1a2bsrv0', 'link set vb1a2bsrv0 up', ''].join('\n'),
      },
    ]);
  });

  it('sets no sysctl in a pair', () => {
    assert.equal(buildCommands(pair).some((c) => c.argv[0] === 'sysctl'), false);
  });
});

describe('buildCommands: router', () => {
  const commands = buildCommands(router);

  it('creates both veth pairs in the first batch, routes in client and server, forwarding in the router only', () => {
    assert.deepEqual(commands, [
      { argv: ['ip', '-batch', '-'], stdin: 'netns add vb1a2b-cli\nnetns add vb1a2b-rtr\nnetns add vb1a2b-srv\n' },
      {
        argv: ['ip', '-n', 'vb1a2b-cli', '-batch', '-'],
        stdin: [
          'link add name vb1a2bcli0 netns vb1a2b-cli type veth peer name vb1a2brtr0 netns vb1a2b-rtr',
          'link add name vb1a2brtr1 netns vb1a2b-rtr type veth peer name vb1a2bsrv0 netns vb1a2b-srv',
          'link set lo up',
          'addr add 198.18.0.1/24 dev vb1a2bcli0',
          'link set vb1a2bcli0 up',
          'route add default via 198.18.0.2',
          '',
        ].join('\n'),
      },
      {
        argv: ['ip', '-n', 'vb1a2b-rtr', '-batch', '-'],
        stdin: [
          'link set lo up',
          'addr add 198.18.0.2/24 dev vb1a2brtr0',
          'link set vb1a2brtr0 up',
          'addr add 198.18.1.1/24 dev vb1a2brtr1',
          'link set vb1a2brtr1 up',
          '',
        ].join('\n'),
      },
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], netns: 'vb1a2b-rtr' },
      {
        argv: ['ip', '-n', 'vb1a2b-srv', '-batch', '-'],
        stdin: ['link set lo up', 'addr add 198.18.1.2/24 dev vb1a2bsrv0', 'link set vb1a2bsrv0 up', 'route add default via 198.18.1.1', ''].join('\n'),
      },
    ]);
  });

  it('runs the only sysctl inside the router namespace', () => {
    assert.deepEqual(commands.filter((c) => c.argv[0] === 'sysctl').map((c) => c.netns), ['vb1a2b-rtr']);
  });
});

describe('no command touches the root namespace', () => {
  /** Every ip command line, with the namespace it runs in (undefined: the root namespace). */
  function ipLines(commands: HostCommand[]): { netns: string | undefined; line: string }[] {
    return commands.flatMap((c) => {
      if (c.argv[0] !== 'ip') return [];
      const n = c.argv.indexOf('-n');
      const netns = c.netns ?? (n >= 0 ? c.argv[n + 1] : undefined);
      const lines = c.argv.includes('-batch') ? (c.stdin ?? '').split('\n').filter(Boolean) : [c.argv.slice(1).join(' ')];
      return lines.map((line) => ({ netns, line }));
    });
  }

  for (const [kind, topology] of [['pair', pair], ['router', router]] as const) {
    it(`${kind}: in the root namespace only netns add/del; every link and addr line runs inside a run namespace`, () => {
      const lines = ipLines([...buildCommands(topology), deleteNamespacesCommand(topology.namespaces.map((n) => n.name))]);
      const names = new Set(topology.namespaces.map((n) => n.name));
      for (const { netns, line } of lines) {
        if (netns === undefined) {
          assert.match(line, /^netns (add|del) vb1a2b-[a-z]+$/, line);
        } else {
          assert.ok(names.has(netns), `${netns} is a run namespace`);
          assert.match(line, /^(link|addr|route) /, line);
        }
      }
    });

    it(`${kind}: every veth end is created with netns, never in the root namespace`, () => {
      const linkAdds = ipLines(buildCommands(topology)).filter((l) => l.line.startsWith('link add'));
      assert.equal(linkAdds.length, topology.links.length);
      for (const { line } of linkAdds) assert.match(line, /^link add name \S+ netns vb1a2b-\w+ type veth peer name \S+ netns vb1a2b-\w+$/);
    });

    it(`${kind}: a non-batch command has a netns`, () => {
      for (const c of buildCommands(topology).filter((c) => !c.argv.includes('-batch'))) assert.ok(c.netns, c.argv.join(' '));
    });
  }
});

describe('namespaceBatchText', () => {
  it('refuses a namespace that is not part of the topology', () => {
    assert.throws(() => namespaceBatchText(pair, 'vb1a2b-rtr'), { message: 'namespace vb1a2b-rtr is not part of the topology' });
  });
});

describe('namespace create and delete commands', () => {
  it('adds every namespace in one batch', () => {
    assert.deepEqual(createNamespacesCommand(['a', 'b']), { argv: ['ip', '-batch', '-'], stdin: 'netns add a\nnetns add b\n' });
  });

  it('deletes every namespace in one batch that goes on past one already gone', () => {
    assert.deepEqual(deleteNamespacesCommand(['vb1a2b-cli', 'vb1a2b-srv']), { argv: ['ip', '-force', '-batch', '-'], stdin: 'netns del vb1a2b-cli\nnetns del vb1a2b-srv\n' });
  });
});

describe('describeCommand', () => {
  it('prints plain arguments as they are', () => {
    assert.equal(describeCommand({ argv: ['ethtool', '-K', 'vb1a2bcli0', 'gro', 'on'] }), 'ethtool -K vb1a2bcli0 gro on');
    assert.equal(describeCommand({ argv: ['sysctl', '-w', 'net.ipv4.ip_forward=1', 'a@b%c+d:e,f/g'] }), 'sysctl -w net.ipv4.ip_forward=1 a@b%c+d:e,f/g');
  });

  it('prefixes ip netns exec for a command run in a namespace', () => {
    assert.equal(describeCommand({ argv: ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], netns: 'vb1a2b-rtr' }), 'ip netns exec vb1a2b-rtr sysctl -q -w net.ipv4.ip_forward=1');
  });

  it('single-quotes a value with a space, a quote or a shell character', () => {
    assert.equal(describeCommand({ argv: ['echo', 'a b'] }), "echo 'a b'");
    assert.equal(describeCommand({ argv: ['echo', "it's"] }), "echo 'it'\\''s'");
    assert.equal(describeCommand({ argv: ['echo', '$HOME', 'a;b', '*', '"x"'] }), `echo '$HOME' 'a;b' '*' '"x"'`);
    assert.equal(describeCommand({ argv: ['echo', ''] }), "echo ''");
  });

  it('writes stdin as a quoted heredoc', () => {
    assert.equal(describeCommand(createNamespacesCommand(['vb1a2b-cli', 'vb1a2b-srv'])), "ip -batch - <<'EOF'\nnetns add vb1a2b-cli\nnetns add vb1a2b-srv\nEOF");
    assert.equal(
      describeCommand(buildCommands(pair)[2]!),
      "ip -n vb1a2b-srv -batch - <<'EOF'\nlink set lo up\naddr add 198.18.0.2/24 dev vb1a2bsrv0\nlink set vb1a2bsrv0 up\nEOF",
    );
  });
});
