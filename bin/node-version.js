// Is this Node new enough? Uses nothing but node built-ins and plain syntax, so that an old Node (Debian 12's
// nodejs is 18.x) prints the fix instead of whatever a dependency breaks on first. bin/vethbench.js and
// scripts/setup.sh both ask it; the minimum is package.json's engines.node (">=MAJOR.MINOR").
import { readFileSync } from 'node:fs';

const packageJson = new URL('../package.json', import.meta.url);

/** [major, minor] from engines.node, e.g. ">=20.10" → [20, 10]. */
export function requiredNode() {
  const engines = JSON.parse(readFileSync(packageJson, 'utf8')).engines || {};
  const match = /^>=\s*(\d+)(?:\.(\d+))?/.exec(engines.node || '');
  if (!match) throw new Error(`package.json: engines.node must read ">=MAJOR.MINOR", found ${JSON.stringify(engines.node)}`);
  return [Number(match[1]), Number(match[2] || 0)];
}

/** The message for a Node older than required (version like "18.20.4"), or undefined when it is new enough. */
export function nodeVersionProblem(version = process.versions.node, execPath = process.execPath) {
  const [major, minor] = version.split('.').map(Number);
  const [needMajor, needMinor] = requiredNode();
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return [
    `vethbench needs Node.js ${needMajor}.${needMinor} or newer; this is Node.js ${version} (${execPath}).`,
    'Debian 12 and Ubuntu 22.04 ship nodejs 18, which is too old. Install a current LTS from NodeSource, as root:',
    '  curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh && bash /tmp/nodesource_setup.sh && apt-get install -y nodejs',
    'or use a version manager (nvm install 22), or Debian 13 (nodejs 20.19). Then run scripts/setup.sh again.',
    '',
  ].join('\n');
}

// `node bin/node-version.js` (scripts/setup.sh): exit 3 with the message on an old Node, silent exit 0 otherwise.
if (process.argv[1] && new URL(`file://${process.argv[1]}`).pathname === new URL(import.meta.url).pathname) {
  const problem = nodeVersionProblem();
  if (problem) {
    process.stderr.write(problem);
    process.exitCode = 3;
  }
}
