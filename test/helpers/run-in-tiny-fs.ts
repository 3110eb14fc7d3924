// Runs inside `unshare --mount`: mounts a tiny tmpfs (private to this mount namespace), runs the CLI with --out
// on it until the disk fills, and prints what a test needs to know as JSON (the mount vanishes with the process).
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, size, ...cliArgs] = process.argv.slice(2);
if (!dir || !size) throw new Error('usage: run-in-tiny-fs.ts DIR SIZE -- CLI ARGS');
await execa('mount', ['--make-rprivate', '/']);
await execa('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'vethbench-test', dir]);
const cli = await execa('node', [new URL('../../bin/vethbench.js', import.meta.url).pathname, ...cliArgs.filter((a) => a !== '--'), '--out', dir], { reject: false });
const runs = readdirSync(dir);
const journal = runs[0] && existsSync(join(dir, runs[0], 'journal.jsonl')) ? readFileSync(join(dir, runs[0], 'journal.jsonl'), 'utf8') : '';
const lines = journal.split('\n').filter(Boolean);
const parsed = lines.filter((l) => { try { JSON.parse(l); return true; } catch { return false; } });
process.stdout.write(JSON.stringify({ exitCode: cli.exitCode, stderr: cli.stderr, journalLines: lines.length, journalParsed: parsed.length, samples: parsed.filter((l) => l.includes('"type":"sample"')).length }));
