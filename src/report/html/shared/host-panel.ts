// Pure: the host panel — the machine, kernel, tools and the network state a run measured on.
import type { PointResult, RunResults } from '../../../results/schema.ts';
import { html, type SafeHtml } from './html.ts';
import { gibText } from '../../../metrics/format.ts';

/** Label → value; undefined values are left out when shown. */
export type Facts = [string, string | undefined][];

export function definitionList(facts: Facts): SafeHtml {
  return html`<dl>${facts.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** The machine a run measured on; a comparison page shows two runs' facts side by side, label by label. */
export function machineFacts(results: RunResults): Facts {
  const h = results.host;
  if (!h) return [['host', 'not recorded']];
  const virt = h.virtualization;
  return [
    ['CPU', `${h.cpu.manufacturer} ${h.cpu.brand}${h.cpu.speedGHz ? ` @ ${h.cpu.speedGHz} GHz` : ''}`],
    ['cores', `${h.cpu.cores} logical, ${h.cpu.physicalCores} physical`],
    ['memory', gibText(h.memoryBytes)],
    ['kernel', h.kernel],
    ['distribution', `${h.os.distro} ${h.os.release}${h.os.codename ? ` (${h.os.codename})` : ''}, ${h.os.arch}`],
    ['virtualization', virt === undefined ? 'unknown' : virt.virtual ? `virtual machine${virt.host ? ` (${virt.host})` : ''}` : 'bare metal'],
    ['hostname', h.hostname],
  ];
}

export function toolFacts(results: RunResults): Facts {
  const recorded = Object.entries(results.host?.toolVersions ?? {}).map(([k, v]): [string, string] => [k, v]);
  // The iperf3 that really ran, as its own JSON reported it (may differ from the one on PATH at preflight).
  const ran = [...new Set(results.points.flatMap((p) => p.samples.map((s) => s.toolVersion).filter((v): v is string => !!v)))];
  return [['vethbench', results.tool.version], ...recorded, ['iperf3 in samples', ran.join(', ') || undefined]];
}

function runFacts(results: RunResults): Facts {
  const s = results.run.settings;
  const filter = Object.entries(s.filter).map(([k, v]) => `${k}=${v.join(',')}`).join(' ');
  return [
    ['scenario file', `${results.scenario.file} (sha256 ${results.scenario.sourceSha256.slice(0, 12)}…)`],
    ['topology', results.scenario.topology.path],
    ['per sample', `${s.durationS} s measured, ${s.omitS} s omitted`],
    ['repetitions', String(s.repetitions)],
    ['trial order seed', String(s.seed)],
    ['filter', filter || undefined],
    ['run prefix, port', `${results.run.prefix}, ${results.run.port}`],
  ];
}

/** What ethtool -k read back on each interface, per point (from the point's first sample that has it). */
function offloadTable(points: readonly PointResult[]): SafeHtml {
  const rows = points.flatMap((p) => {
    const effective = p.samples.find((s) => s.effective)?.effective;
    return Object.entries(effective ?? {}).map(([iface, knobs]) => ({ point: p.label, iface, knobs: Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(' ') }));
  });
  if (rows.length === 0) return html`<p class="muted">No offload state was read back.</p>`;
  return html`<div class="table-wrap"><table><thead><tr><th>point</th><th>interface</th><th>read back (ethtool -k)</th></tr></thead><tbody>${rows.map((r) => html`<tr><td>${r.point}</td><td class="mono">${r.iface}</td><td class="mono">${r.knobs}</td></tr>`)}</tbody></table></div>`;
}

export function hostPanel(results: RunResults): SafeHtml {
  const sysctls = Object.entries(results.host?.sysctls ?? {}).map(([k, v]): [string, string] => [k, v]);
  return html`<section class="card" id="host"><h2>Host</h2>
<div class="grid">
<div><h3>Machine</h3>${definitionList(machineFacts(results))}</div>
<div><h3>Tools</h3>${definitionList(toolFacts(results))}<h3 class="spaced">Run</h3>${definitionList(runFacts(results))}</div>
<div><h3>Sysctls (root namespace)</h3>${sysctls.length ? definitionList(sysctls) : html`<p class="muted">not recorded</p>`}</div>
</div>
<details><summary>Offload state read back per interface</summary>${offloadTable(results.points)}</details>
</section>`;
}
