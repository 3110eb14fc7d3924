// Every external command is an argument array through the Host (execa): no shell strings anywhere in src/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('src/ never asks for a shell and never spawns processes outside the Host', () => {
  const offenders = sources(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const found: string[] = [];
    if (/shell\s*:\s*(true|['"`])/.test(text)) found.push('shell option');
    if (/from\s+['"](node:)?child_process['"]/.test(text)) found.push('child_process import');
    if (/\$`|execaCommand|execaSync|\bsh\b['"],\s*['"]-c/.test(text)) found.push('command string');
    if (/from\s+['"]execa['"]/.test(text) && !file.endsWith(join('host', 'execa-host.ts'))) found.push('execa outside the Host');
    return found.map((f) => `${file.slice(SRC.length)}: ${f}`);
  });
  assert.deepEqual(offenders, []);
});

test('the scan itself finds a shell option when there is one', () => {
  assert.match('execa("ls", [], { shell: true })', /shell\s*:\s*(true|['"`])/);
});
