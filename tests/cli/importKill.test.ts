// An import killed at any moment (power cut, task manager) leaves the store as if it never ran, or
// as if it completed, once the store is opened again: an import written in steps and killed
// between two of them is rolled back then. The built command is SIGKILLed at random points.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, initDesk } from './command';

const ROWS = 30_000;
let file: string;

const desk = cliDesk('cress-import-kill-', (d) => {
  initDesk(d, { operator: 'Ana', professionals: ROWS, seed: 4 });
  const db = openRawStore(d.store, { readonly: true });
  const cpfs = db.prepare('SELECT cpf FROM professionals ORDER BY id').pluck().all() as string[];
  db.close();
  writeFileSync(file = join(d.dir, 'emails.csv'), ['CPF;E-mail', ...cpfs.map((cpf, i) => `${cpf};pessoa.${i}@exemplo.com.br`)].join('\r\n'));
});

function killedAfter(ms: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_BIN, '--db', desk.store, 'import', 'corrections', file, '--force'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** Every import either wrote all it says or is absent; nothing of a killed one is left behind. */
function checkConsistent(initialVersions: number): { imports: number } {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    const imports = db.prepare('SELECT id, accepted FROM imports').all() as { id: number; accepted: number }[];
    const orphans = db.prepare('SELECT count(*) AS n FROM corrections WHERE import_id NOT IN (SELECT id FROM imports)').get() as { n: number };
    expect(orphans.n).toBe(0);
    for (const record of imports) {
      const rows = db.prepare('SELECT count(DISTINCT professional_id) AS n FROM corrections WHERE import_id = ?').get(record.id) as { n: number };
      expect(rows.n).toBe(record.accepted);
    }
    const versions = (db.prepare('SELECT total(row_version) AS v FROM professionals').get() as { v: number }).v;
    expect(versions - initialVersions).toBe(imports.reduce((sum, r) => sum + r.accepted, 0));
    const audits = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import.run'").get() as { n: number };
    expect(audits.n).toBe(imports.length);
    return { imports: imports.length };
  } finally {
    db.close();
  }
}

it('leaves the store whole whenever the import is killed', async () => {
  const db = openRawStore(desk.store, { readonly: true });
  const initial = (db.prepare('SELECT total(row_version) AS v FROM professionals').get() as { v: number }).v;
  db.close();
  // Kill points spread over the run: while opening, reading, writing and committing.
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const next = random(7);
  for (let round = 0; round < 6; round++) {
    await killedAfter(100 + Math.floor(next() * 1500));
    // The next open (here `audit verify`) rolls back an import killed between two of its steps.
    expect(desk.run('audit', 'verify').code).toBe(0);
    checkConsistent(initial);
  }
  // And a run left alone completes.
  const done = desk.json('import', 'corrections', file, '--force');
  expect(done.body.rows).toBe(ROWS);
  expect(checkConsistent(initial).imports).toBeGreaterThanOrEqual(1);
}, 60_000);
