// The root namespace's networking as text: links, addresses, routes, rules, firewall and every net.* sysctl.
// Tests take it before and after a run (or a fault) and require the two to be identical.
import { execFileSync } from 'node:child_process';

const VOLATILE_SYSCTLS = [/^net\.netfilter\.nf_conntrack_count\b/];

function run(argv: string[]): string {
  try {
    return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return `(${argv.join(' ')} unavailable)\n`;
  }
}

export function rootNamespaceSnapshot(): string {
  const sections: [string, string[]][] = [
    ['links', ['ip', '-d', 'link', 'show']],
    ['addresses', ['ip', 'addr', 'show']],
    ['routes v4', ['ip', 'route', 'show', 'table', 'all']],
    ['routes v6', ['ip', '-6', 'route', 'show', 'table', 'all']],
    ['rules v4', ['ip', 'rule', 'show']],
    ['rules v6', ['ip', '-6', 'rule', 'show']],
    ['nftables', ['nft', 'list', 'ruleset']],
    ['iptables', ['iptables-save']],
  ];
  const text = sections.map(([name, argv]) => `## ${name}\n${run(argv)}`).join('');
  const sysctls = run(['sysctl', '-a']).split('\n').filter((l) => l.startsWith('net.') && !VOLATILE_SYSCTLS.some((v) => v.test(l)));
  return `${text}## net.* sysctls\n${sysctls.join('\n')}\n`;
}
