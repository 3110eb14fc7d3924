import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { describePlan } from '../../src/report/terminal/plan-text.ts';
import { planWarnings } from '../../src/plan/warnings.ts';
import { TOPOLOGY_OVERHEAD_S, TRIAL_OVERHEAD_S, expandPlan, pointLabel, type Plan } from '../../src/plan/expand.ts';
import { mulberry32, seededShuffle } from '../../src/stats/random.ts';
import { groScenario, scenario, settings } from '../helpers/builders.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const GRO_POINTS = [
  ['p1', 'veth|gro=off,tso=on|tcp', 'tcp gro=off tso=on'],
  ['p2', 'veth|gro=off,tso=off|tcp', 'tcp gro=off tso=off'],
  ['p3', 'veth|gro=on,tso=on|tcp', 'tcp gro=on tso=on'],
  ['p4', 'veth|gro=on,tso=off|tcp', 'tcp gro=on tso=off'],
  ['p5', 'veth|gro=off,tso=on|udp-1400B', 'udp-1400B gro=off tso=on'],
  ['p6', 'veth|gro=off,tso=off|udp-1400B', 'udp-1400B gro=off tso=off'],
  ['p7', 'veth|gro=on,tso=on|udp-1400B', 'udp-1400B gro=on tso=on'],
  ['p8', 'veth|gro=on,tso=off|udp-1400B', 'udp-1400B gro=on tso=off'],
];

/** The trial order as "p3/0 p8/0 …" (point id / 0-based repetition). */
const order = (plan: Plan): string => plan.trials.map((t) => `${t.pointId}/${t.repetition}`).join(' ');

describe('expandPlan: points', () => {
  it('takes the cartesian product: workload outermost, knobs in gro, gso, tso order, values in the given order', () => {
    const plan = expandPlan(groScenario(), settings());
    assert.deepEqual(plan.points.map((p) => [p.id, p.key, p.label]), GRO_POINTS);
    assert.deepEqual(plan.points.map((p) => p.knobs), [
      { gro: 'off', tso: 'on' }, { gro: 'off', tso: 'off' }, { gro: 'on', tso: 'on' }, { gro: 'on', tso: 'off' },
      { gro: 'off', tso: 'on' }, { gro: 'off', tso: 'off' }, { gro: 'on', tso: 'on' }, { gro: 'on', tso: 'off' },
    ]);
    assert.deepEqual(plan.points.map((p) => p.workload.label), ['tcp', 'tcp', 'tcp', 'tcp', 'udp-1400B', 'udp-1400B', 'udp-1400B', 'udp-1400B']);
    assert.ok(plan.points.every((p) => p.link === 'veth'));
  });

  it('orders knobs gro, gso, tso whatever order the matrix lists them in', () => {
    const plan = expandPlan(scenario({ matrix: { tso: ['off'], gso: ['on', 'off'], gro: ['on'] } }), settings());
    assert.deepEqual(plan.points.map((p) => p.key), ['veth|gro=on,gso=on,tso=off|tcp', 'veth|gro=on,gso=off,tso=off|tcp']);
    assert.deepEqual(plan.points.map((p) => p.label), ['tcp gro=on gso=on tso=off', 'tcp gro=on gso=off tso=off']);
  });

  it('makes one point per workload when no knob is swept', () => {
    const plan = expandPlan(scenario({ workloads: [{ tool: 'iperf3', protocol: 'tcp' }, { tool: 'iperf3', protocol: 'tcp', streams: 4 }] }), settings());
    assert.deepEqual(plan.points.map((p) => [p.id, p.key, p.label, p.knobs]), [['p1', 'veth||tcp', 'tcp', {}], ['p2', 'veth||tcp-P4', 'tcp-P4', {}]]);
  });

  it('labels a point by its workload and the knobs set', () => {
    assert.equal(pointLabel({ tso: 'off', gro: 'on' }, groScenario().workloads[1]!), 'udp-1400B gro=on tso=off');
    assert.equal(pointLabel({}, groScenario().workloads[0]!), 'tcp');
  });
});

describe('expandPlan: trials', () => {
  it('interleaves repetitions: every point once per round, round r before round r+1', () => {
    const plan = expandPlan(groScenario(), settings({ repetitions: 3 }));
    assert.equal(plan.trials.length, 24);
    assert.deepEqual(plan.trials.map((t) => t.index), [...Array(24).keys()]);
    for (let r = 0; r < 3; r++) {
      const round = plan.trials.slice(r * 8, r * 8 + 8);
      assert.ok(round.every((t) => t.repetition === r), `round ${r} holds only repetition ${r}`);
      assert.deepEqual(round.map((t) => t.pointId).sort(), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
    }
  });

  it('is reproducible from its seed', () => {
    const a = expandPlan(groScenario(), settings({ seed: 42 }));
    const b = expandPlan(groScenario(), settings({ seed: 42 }));
    assert.deepEqual(a.trials, b.trials);
    // Pinned: a seed recorded in a results file must give the same order in later versions.
    assert.equal(order(a), 'p3/0 p8/0 p2/0 p1/0 p7/0 p6/0 p4/0 p5/0 p8/1 p1/1 p6/1 p4/1 p2/1 p3/1 p7/1 p5/1');
  });

  it('gives a different order for a different seed', () => {
    assert.notEqual(order(expandPlan(groScenario(), settings({ seed: 42 }))), order(expandPlan(groScenario(), settings({ seed: 1000 }))));
  });

  it('shuffles each round on its own', () => {
    const plan = expandPlan(groScenario(), settings({ repetitions: 2 }));
    assert.notDeepEqual(plan.trials.slice(0, 8).map((t) => t.pointId), plan.trials.slice(8).map((t) => t.pointId));
  });

  it('estimates trials × (duration + omit + trial overhead) + one topology build per link kind, in seconds', () => {
    assert.equal(TRIAL_OVERHEAD_S, 0.5);
    assert.equal(TOPOLOGY_OVERHEAD_S, 1);
    assert.equal(expandPlan(groScenario(), settings({ repetitions: 2, durationS: 5, omitS: 1 })).estimatedSeconds, 16 * 6.5 + 1);
    assert.equal(expandPlan(groScenario(), settings({ repetitions: 3, durationS: 10, omitS: 2 })).estimatedSeconds, 24 * 12.5 + 1);
  });

  it('keeps the scenario and settings it was made from', () => {
    const s = groScenario();
    const runSettings = settings();
    const plan = expandPlan(s, runSettings);
    assert.equal(plan.scenario, s);
    assert.equal(plan.settings, runSettings);
  });
});

describe('seededShuffle', () => {
  it('is mulberry32 + Fisher-Yates, pinned', () => {
    const random = mulberry32(42);
    assert.deepEqual([random(), random(), random()], [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    assert.deepEqual(seededShuffle([1, 2, 3, 4, 5, 6, 7, 8], 42), [3, 8, 2, 1, 7, 6, 4, 5]);
  });

  it('returns a permutation and leaves its input alone', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = seededShuffle(items, 7);
    assert.deepEqual(items, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual([...shuffled].sort(), items);
    assert.deepEqual(seededShuffle([], 1), []);
    assert.deepEqual(seededShuffle(['x'], 1), ['x']);
  });
});

describe('expandPlan: --filter', () => {
  it('keeps only the filtered values of a knob', () => {
    const plan = expandPlan(groScenario(), settings({ filter: { gro: ['on'] } }));
    assert.deepEqual(plan.points.map((p) => [p.id, p.label]), [
      ['p1', 'tcp gro=on tso=on'], ['p2', 'tcp gro=on tso=off'], ['p3', 'udp-1400B gro=on tso=on'], ['p4', 'udp-1400B gro=on tso=off'],
    ]);
    assert.equal(plan.trials.length, 8);
    assert.equal(plan.estimatedSeconds, 8 * 6.5 + 1);
  });

  it('keeps only the filtered workloads', () => {
    const plan = expandPlan(groScenario(), settings({ filter: { workload: ['udp-1400B'] } }));
    assert.deepEqual(plan.points.map((p) => p.key), ['veth|gro=off,tso=on|udp-1400B', 'veth|gro=off,tso=off|udp-1400B', 'veth|gro=on,tso=on|udp-1400B', 'veth|gro=on,tso=off|udp-1400B']);
  });

  it('combines filters', () => {
    const plan = expandPlan(groScenario(), settings({ filter: { workload: ['tcp'], tso: ['off'], gro: ['off', 'on'] } }));
    assert.deepEqual(plan.points.map((p) => p.label), ['tcp gro=off tso=off', 'tcp gro=on tso=off']);
  });

  /** The InputError expandPlan throws for `filter`. */
  function filterError(filter: Record<string, string[]>): InputError {
    try {
      expandPlan(groScenario(), settings({ filter }));
    } catch (error) {
      assert.ok(error instanceof InputError, String(error));
      return error;
    }
    assert.fail('expected an InputError');
  }

  it('refuses a knob the scenario does not sweep, naming --filter and the choices', () => {
    const error = filterError({ gso: ['on'] });
    assert.equal(error.message, '--filter gso=on: "gso" is not swept by scenarios/test.ts; use one of gro, tso, workload');
    assert.equal(error.exitCode, 2);
  });

  it('refuses a name that is not a knob at all, even one Object.prototype has', () => {
    assert.equal(filterError({ mtu: ['9000'] }).message, '--filter mtu=9000: "mtu" is not swept by scenarios/test.ts; use one of gro, tso, workload');
    assert.equal(filterError({ constructor: ['x'] }).message, '--filter constructor=x: "constructor" is not swept by scenarios/test.ts; use one of gro, tso, workload');
  });

  it('refuses values that are not in the sweep, naming --filter and the values', () => {
    assert.equal(filterError({ gro: ['maybe', 'on'] }).message, '--filter gro=maybe,on: maybe not in the sweep; values are off, on');
    assert.equal(filterError({ workload: ['tcp-P4'] }).message, '--filter workload=tcp-P4: tcp-P4 not in the sweep; values are tcp, udp-1400B');
  });

  it('reports every filter problem at once, one per line', () => {
    assert.equal(filterError({ gso: ['on'], gro: ['x'] }).message, [
      '--filter gso=on: "gso" is not swept by scenarios/test.ts; use one of gro, tso, workload',
      '--filter gro=x: x not in the sweep; values are off, on',
    ].join('\n'));
  });
});

describe('planWarnings', () => {
  const GRO_TCP_WARNING = "gro is swept for TCP while the sender keeps TSO on: veth passes TSO's large segments through, so GRO should change nothing there (it matters for UDP and TSO-off senders)";

  it('warns when GRO is swept for TCP with TSO on', () => {
    assert.deepEqual(planWarnings(expandPlan(scenario({ matrix: { gro: ['off', 'on'] } }), settings())), [GRO_TCP_WARNING]);
    assert.deepEqual(planWarnings(expandPlan(scenario({ matrix: { gro: ['off', 'on'], tso: ['on'] } }), settings())), [GRO_TCP_WARNING]);
  });

  it('says "in some points" when TSO is swept too', () => {
    assert.deepEqual(planWarnings(expandPlan(groScenario(), settings())), [
      "gro is swept for TCP while the sender keeps TSO on in some points: veth passes TSO's large segments through, so GRO should change nothing there (it matters for UDP and TSO-off senders)",
    ]);
  });

  it('does not warn about GRO when it is swept for UDP only (TSO swept for UDP only has its own warning)', () => {
    assert.deepEqual(planWarnings(expandPlan(scenario({ matrix: { gro: ['off', 'on'] }, workloads: [{ tool: 'iperf3', protocol: 'udp' }] }), settings())), []);
    assert.deepEqual(planWarnings(expandPlan(groScenario(), settings({ filter: { workload: ['udp-1400B'] } }))), [
      'tso is swept but every workload is UDP: TSO only segments TCP',
    ]);
  });

  it('does not warn when TSO is off for every TCP point, or when GRO has one value', () => {
    assert.deepEqual(planWarnings(expandPlan(scenario({ matrix: { gro: ['off', 'on'], tso: ['off'] } }), settings())), []);
    assert.deepEqual(planWarnings(expandPlan(scenario({ matrix: { gro: ['on'] } }), settings())), []);
    assert.deepEqual(planWarnings(expandPlan(scenario(), settings())), []);
  });
});

describe('describePlan', () => {
  it('prints the whole plan of a minimal scenario, with the commands of one trial', () => {
    const plan = expandPlan(scenario(), settings({ repetitions: 1, seed: 7 }));
    assert.equal(describePlan(plan, 'vb00ff', 5299, knobShell()), `scenario test (scenarios/test.ts, sha256 abababababab)

topology pair: vb00ff-cli → veth → vb00ff-srv  (run prefix vb00ff is chosen afresh at run time)
  veth vb00ff-cli/vb00ffcli0 198.18.0.1/24 ⇄ vb00ff-srv/vb00ffsrv0 198.18.0.2/24

points: 1 (no knobs swept × 1 workload(s))
  p1  tcp

trials: 1 = 1 point(s) × 1 repetition(s), interleaved, order seed 7
  p1/r1
  each: 5 s measured after 1 s omitted; estimated total 0:08

commands of one trial (tcp):
  ip -batch - <<'EOF'
  netns add vb00ff-cli
  netns add vb00ff-srv
  EOF
  ip -n vb00ff-cli -batch - <<'EOF'
  link add name vb00ffcli0 netns vb00ff-cli type veth peer name vb00ffsrv0 netns vb00ff-srv
  link set lo up
  addr add 198.18.0.1/24 dev vb00ffcli0
  link set vb00ffcli0 up
  EOF
  ip -n vb00ff-srv -batch - <<'EOF'
  link set lo up
  addr add 198.18.0.2/24 dev vb00ffsrv0
  link set vb00ffsrv0 up
  EOF
  ip netns exec vb00ff-srv iperf3 -s -B 198.18.0.2 -p 5299
  ip netns exec vb00ff-cli iperf3 -c 198.18.0.2 -B 198.18.0.1 -p 5299 -J -t 5 -O 1 -P 1
  ip -force -batch - <<'EOF'
  netns del vb00ff-cli
  netns del vb00ff-srv
  EOF
`);
  });

  it('describes the GRO sweep: points, interleaved trials, knob commands, the iperf3 client line and the warning', () => {
    const text = describePlan(expandPlan(groScenario(), settings()), 'vb1a2b', 5201, knobShell());
    const lines = text.split('\n');
    assert.ok(lines.includes('points: 8 (gro=off|on × tso=on|off × 2 workload(s))'));
    assert.ok(lines.includes('  p8  udp-1400B gro=on tso=off'));
    assert.ok(lines.includes('trials: 16 = 8 point(s) × 2 repetition(s), interleaved, order seed 42'));
    assert.ok(lines.includes('  p3/r1 p8/r1 p2/r1 p1/r1 p7/r1 p6/r1 p4/r1 p5/r1 p8/r2 p1/r2 p6/r2 p4/r2 p2/r2 p3/r2 p7/r2 p5/r2'));
    assert.ok(lines.includes('  each: 5 s measured after 1 s omitted; estimated total 1:45'));
    assert.ok(lines.includes('commands of one trial (tcp gro=off tso=on):'));
    assert.ok(text.includes('  ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 gro off tso on\n  ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0\n'));
    assert.ok(text.includes('  ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 gro off tso on\n  ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0\n'));
    assert.ok(lines.includes('  ip netns exec vb1a2b-cli iperf3 -c 198.18.0.2 -B 198.18.0.1 -p 5201 -J -t 5 -O 1 -P 1'));
    assert.ok(text.includes([
      "  ip -n vb1a2b-cli -batch - <<'EOF'",
      '  link add name vb1a2bcli0 netns vb1a2b-cli type veth peer name vb1a2bsrv0 netns vb1a2b-srv',
      '  link set lo up',
      '  addr add 198.18.0.1/24 dev vb1a2bcli0',
      '  link set vb1a2bcli0 up',
      '  EOF',
    ].join('\n')));
    assert.ok(text.endsWith("\nwarning: gro is swept for TCP while the sender keeps TSO on in some points: veth passes TSO's large segments through, so GRO should change nothing there (it matters for UDP and TSO-off senders)\n"));
  });

  it('describes a router topology with routes, forwarding and a UDP client line', () => {
    const s = scenario({
      description: 'UDP through a router',
      topology: { kind: 'router' },
      matrix: { gso: ['off'], tso: ['off', 'on'] },
      workloads: [{ tool: 'iperf3', protocol: 'udp', lengthBytes: 64, bitrate: '1G', streams: 2 }],
    });
    const lines = describePlan(expandPlan(s, settings({ repetitions: 1 })), 'vb00ff', 5299, knobShell()).split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      'scenario test (scenarios/test.ts, sha256 abababababab)',
      '  UDP through a router',
      '',
      'topology router: vb00ff-cli → veth → vb00ff-rtr (IPv4 forwarding) → veth → vb00ff-srv  (run prefix vb00ff is chosen afresh at run time)',
      '  veth vb00ff-cli/vb00ffcli0 198.18.0.1/24 ⇄ vb00ff-rtr/vb00ffrtr0 198.18.0.2/24',
      '  veth vb00ff-rtr/vb00ffrtr1 198.18.1.1/24 ⇄ vb00ff-srv/vb00ffsrv0 198.18.1.2/24',
      '  route in vb00ff-cli: default via 198.18.0.2',
      '  IPv4 forwarding on in vb00ff-rtr',
      '  route in vb00ff-srv: default via 198.18.1.1',
    ]);
    assert.ok(lines.includes('  ip netns exec vb00ff-rtr sysctl -q -w net.ipv4.ip_forward=1'));
    assert.ok(lines.includes('  ip netns exec vb00ff-rtr ethtool -K vb00ffrtr1 gso off tso off'));
    assert.ok(lines.includes('  ip netns exec vb00ff-cli iperf3 -c 198.18.1.2 -B 198.18.0.1 -p 5299 -J -t 5 -O 1 -P 2 -u -b 1G -l 64'));
    assert.deepEqual(lines.filter((l) => l.startsWith('warning:')), ['warning: tso is swept but every workload is UDP: TSO only segments TCP']);
  });
});
