// Runs a command under a Node that satisfies "engines" (>= 22.12). The machine's Node when new
// enough; otherwise .ci/node.sh fetches Node 24 LTS from the npm registry (Linux x64) first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
const recentEnough = major > 22 || (major === 22 && minor >= 12);
const command = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let result;
if (recentEnough) {
  result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
} else if (process.platform === 'linux' && process.arch === 'x64') {
  result = spawnSync('bash', [join(root, '.ci', 'node.sh'), ...command], { stdio: 'inherit' });
} else {
  console.error(`CRESS Desk needs Node.js 22.12 or newer (this is ${process.version}). Install Node 24 LTS.`);
  process.exit(1);
}
process.exit(result.status ?? 1);
