// scripts/setup.sh as the README's two ways run it: as root without sudo (containers, CI), and as a user with sudo
// (only apt goes through sudo; run through sudo, npm runs as the user who typed it). apt-get, sudo and npm are
// stand-ins that record their argv (a test must not install packages or rewrite node_modules); the script is real.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';

/** A directory of recording stand-ins, first on PATH; `dpkg-query` reports every package as missing. */
function stubs(withSudo: boolean): { dir: string; log: string } {
  const dir = tempDir('setup-stubs');
  chmodSync(dir, 0o777);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  chmodSync(log, 0o666);
  const record = (name: string, body = '') => {
    writeFileSync(join(dir, name), `#!/bin/sh\necho "$(id -u) ${name} $*" >> ${log}\n${body}`);
    chmodSync(join(dir, name), 0o755);
  };
  record('dpkg-query', 'exit 1\n');
  for (const name of ['apt-get', 'debconf-set-selections', 'npm']) record(name);
  // The sudo stand-in records, then runs the command (as the same user: what matters is what went through it).
  if (withSudo) record('sudo', 'while [ "$1" != "--" ]; do shift; done; shift; exec "$@"\n');
  return { dir, log };
}

function setup(asUser: boolean, withSudo: boolean, env: Record<string, string> = {}) {
  const { dir, log } = stubs(withSudo);
  const path = `${dir}:${dirnameOf(process.execPath)}:/usr/bin:/bin`;
  const argv = asUser ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'scripts/setup.sh'] : ['scripts/setup.sh'];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: repoRoot, encoding: 'utf8', env: { PATH: path, HOME: dir, ...env } });
  return { ...r, calls: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
}

function dirnameOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/'));
}

test('as root without sudo: apt-get and npm run directly, and tcpdump is among the packages', { skip: needsRoot }, () => {
  const r = setup(false, false);
  assert.equal(r.status, 0, r.stderr);
  const install = r.calls.find((c) => /^0 apt-get install/.test(c));
  assert.ok(install, r.calls.join('\n'));
  for (const p of ['iproute2', 'ethtool', 'iperf3', 'nftables', 'tcpdump', 'clang', 'libbpf-dev']) assert.match(install, new RegExp(`\\b${p}\\b`));
  assert.ok(r.calls.includes('0 npm ci --no-audit --no-fund'), r.calls.join('\n'));
  assert.ok(!r.calls.some((c) => / sudo /.test(c)));
});

test('as a user with sudo: only the apt steps go through sudo; npm runs as the user', { skip: needsRoot }, () => {
  const r = setup(true, true);
  assert.equal(r.status, 0, r.stderr);
  const sudo = r.calls.filter((c) => / sudo /.test(c));
  assert.ok(sudo.length >= 2 && sudo.every((c) => /^65534 sudo -- (apt-get|debconf-set-selections|env DEBIAN_FRONTEND=noninteractive apt-get)/.test(c)), sudo.join('\n'));
  assert.ok(r.calls.includes('65534 npm ci --no-audit --no-fund'), r.calls.join('\n'));
});

test('as a user without sudo: exit 1 with the way to run it as root, nothing installed', { skip: needsRoot }, () => {
  const r = setup(true, false);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^setup\.sh: installing .*tcpdump.* needs root and sudo is not installed; run this script as root \(su -c scripts\/setup\.sh\)/m);
  assert.ok(!r.calls.some((c) => /apt-get|npm/.test(c)), r.calls.join('\n'));
});

test('run through sudo: npm runs as SUDO_UID, so node_modules/ and dist/ stay the user\'s', { skip: needsRoot }, () => {
  const r = setup(false, true, { SUDO_UID: '65534', SUDO_GID: '65534' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls.join('\n'), /^0 sudo -H -u #65534 -- env PATH=\S+ npm ci --no-audit --no-fund$/m);
  assert.ok(r.calls.some((c) => /^0 apt-get install/.test(c)), 'apt runs as root directly');
});
