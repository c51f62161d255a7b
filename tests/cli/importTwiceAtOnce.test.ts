// The same spreadsheet imported by two commands at once (two terminals, a script run twice): one
// writes it, the other is refused as the file already imported, as it would be a minute later —
// never a second import of the same file without --force, whether it is written in one transaction
// (registry) or in steps (corrections).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validCpf } from '../db/fixtures';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';
import { cliAsync } from './processes';

const ROWS = 5_000;
const desk = cliDesk('cress-import-twice-', ({ run }) => {
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
});

function registryFile(): string {
  const rows = Array.from({ length: ROWS }, (_, i) => `${70000 + i};${validCpf(70000 + i)};Pessoa ${i} Souza;Mãe ${i} Souza;p${i}@exemplo.com.br;São Paulo;SP`);
  const path = join(desk.dir, 'carga.csv');
  writeFileSync(path, ['Registro;CPF;Nome;Nome da mãe;E-mail;Município;UF', ...rows].join('\r\n'));
  return path;
}

describe('one registry file imported twice at once', () => {
  it('is written by one command; the other is refused as already imported and writes no import of its own', async () => {
    const file = registryFile();
    const both = await Promise.all([cliAsync(desk.store, ['import', 'registry', file]), cliAsync(desk.store, ['import', 'registry', file])]);
    expect(both.map((r) => r.code).sort()).toEqual([0, 1]);
    const refused = both.find((r) => r.code === 1);
    expect(refused?.stderr).toMatch(/já foi importada .*repita o comando com --force\. \[IMPORT_REPEATED\]/);
    expect(refused?.stdout).toBe('');

    const db = openRawStore(desk.store, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM imports WHERE state = 'done'").pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM professionals').pluck().get()).toBe(ROWS);
    } finally {
      db.close();
    }
  }, 60_000);
});

const corrections = cliDesk('cress-import-twice-corrections-', (d) => {
  initDesk(d, { professionals: ROWS, seed: 6 });
  const db = openRawStore(d.store, { readonly: true });
  const cpfs = db.prepare('SELECT cpf FROM professionals ORDER BY id').pluck().all() as string[];
  db.close();
  writeFileSync(join(d.dir, 'emails.csv'), ['CPF;E-mail', ...cpfs.map((cpf, i) => `${cpf};nova.${i}@exemplo.com.br`)].join('\r\n'));
}, 60_000);

describe('one corrections file imported twice at once', () => {
  it('is written by one command, in steps; the other is refused as already imported and queues nothing', async () => {
    const file = join(corrections.dir, 'emails.csv');
    // Small steps: both commands are writing steps at the same time, not one after the other.
    const steps = { CRESS_DESK_IMPORT_STEP_ROWS: '200' };
    const both = await Promise.all([cliAsync(corrections.store, ['import', 'corrections', file], steps), cliAsync(corrections.store, ['import', 'corrections', file], steps)]);
    expect(both.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(both.find((r) => r.code === 1)?.stderr).toMatch(/\[IMPORT_REPEATED\]/);
    // The one written took every row: none refused for a change the other one made and took back.
    expect(both.find((r) => r.code === 0)?.stdout).toContain('5.000 rows: 5.000 accepted, 0 unchanged, 0 rejected.');

    const db = openRawStore(corrections.store, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM imports WHERE state = 'done'").pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM corrections').pluck().get()).toBe(ROWS);
    } finally {
      db.close();
    }
  }, 60_000);
});
