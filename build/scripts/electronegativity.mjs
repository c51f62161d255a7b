// Runs Electronegativity (Doyensec's Electron security scanner) over the app's Electron code and
// window page, and fails on any finding of medium severity or above that the reviewed exception
// list (build/electronegativity-exceptions.json) does not explain. Electronegativity itself exits 0
// whatever it finds, and tries to reach the internet for translations and release notes: those
// lookups are turned off or their failures ignored, so it runs offline.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

// The scanner reads sources statically: the Electron code, the window's page, package.json.
const work = mkdtempSync(join(tmpdir(), 'cress-eneg-'));
const input = join(work, 'app');
mkdirSync(join(input, 'renderer'), { recursive: true });
cpSync(join(root, 'electron'), join(input, 'electron'), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
cpSync(join(root, 'renderer', 'index.html'), join(input, 'renderer', 'index.html'));
cpSync(join(root, 'package.json'), join(input, 'package.json'));
const csv = join(work, 'findings.csv');

const entry = require.resolve('@doyensec/electronegativity/dist/index.js');
// Electronegativity uses commander 5 without declaring it (it counted on finding one at the top of
// node_modules); the command line's own commander is much newer, so its 5 is installed under an
// alias (electronegativity-commander) and handed to it alone.
const oldCommander = require.resolve('electronegativity-commander');
const offline = `process.on('uncaughtException', (e) => { if (e && (e.name === 'RequestError' || /onCancel/.test(String(e.message)))) return; console.error(e); process.exit(2); });
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'commander' && parent && /electronegativity/.test(parent.filename)) return ${JSON.stringify(oldCommander)};
  return resolve.call(this, request, parent, ...rest);
};
require(${JSON.stringify(entry)});`;
const run = spawnSync(
  process.execPath,
  ['-e', offline, 'electronegativity', '-i', input, '-o', csv, '-r', '-x', 'AvailableSecurityFixesGlobalCheck'],
  { encoding: 'utf8', timeout: 300_000 },
);
if (run.status !== 0 || !readdirSync(work).includes('findings.csv')) {
  console.error(run.stdout, run.stderr);
  console.error('Electronegativity did not run to the end.');
  process.exit(1);
}

function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

const findings = readFileSync(csv, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map(parseCsvLine)
  .map(([issue, severity, confidence, file, location, sample]) => ({ issue, severity, confidence, file, location, sample }));
const exceptions = JSON.parse(readFileSync(join(root, 'build', 'electronegativity-exceptions.json'), 'utf8')).exceptions;
const explained = (f) => exceptions.find((e) => e.issue === f.issue && e.file === f.file);

console.log(`Electronegativity: ${findings.length} finding(s)`);
let failures = 0;
for (const f of findings) {
  const exception = explained(f);
  const severe = SEVERE.has(f.severity);
  const verdict = !severe ? 'info' : exception ? 'explained' : 'FAIL';
  if (verdict === 'FAIL') failures++;
  console.log(`  [${verdict}] ${f.issue} ${f.severity}/${f.confidence} ${f.file}:${f.location}${exception ? ` — ${exception.reason}` : ''}`);
}
rmSync(work, { recursive: true, force: true });
if (failures > 0) {
  console.error(`${failures} finding(s) of medium severity or above are not explained in build/electronegativity-exceptions.json.`);
  process.exit(1);
}
console.log('Electronegativity: no unexplained finding of medium severity or above.');
