// The import's writer thread has a bounded heap. A council's file changes a field or two a row;
// one that changes every name and the whole address of each record, with long values, holds ten
// times as much per row. It is written in smaller chunks, not held whole until the writer's thread
// runs out of memory.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, initDesk } from './command';

const ROWS = 40_000;
const CHANGED = ['Nome', 'Nome social', 'Nome da mãe', 'Nome do pai', 'Logradouro', 'Complemento', 'Bairro'];
let file: string;

/** A name or place of about `length` letters, different for each row. */
function long(words: string[], row: number, length: number): string {
  let text = `${words[row % words.length]} ${words[(row >> 3) % words.length]}`;
  while (text.length + 10 < length) text += ` ${words[(text.length + row) % words.length]}`;
  return text.slice(0, length).trim();
}

const NAMES = ['Maria', 'Aparecida', 'Conceição', 'Fernandes', 'Albuquerque', 'Vasconcelos', 'Nascimento', 'Cavalcanti', 'Figueiredo'];
const PLACES = ['Avenida', 'Professor', 'Doutor', 'Engenheiro', 'Governador', 'Desembargador', 'Marechal', 'Presidente', 'Almirante'];

const desk = cliDesk(
  'cress-import-heavy-',
  (d) => {
    initDesk(d, { operator: 'Ana', professionals: ROWS, seed: 12 });
    const db = openRawStore(d.store, { readonly: true });
    const cpfs = db.prepare('SELECT cpf FROM professionals ORDER BY id').pluck().all() as string[];
    db.close();
    const lines = cpfs.map((cpf, row) =>
      [cpf, long(NAMES, row, 118), long(NAMES, row + 1, 118), long(NAMES, row + 2, 118), long(NAMES, row + 3, 118), long(PLACES, row, 118), long(PLACES, row + 1, 58), long(PLACES, row + 2, 78), 'RG e comprovante de residência conferidos no balcão'].join(';'),
    );
    writeFileSync((file = join(d.dir, 'tudo.csv')), ['CPF', ...CHANGED, 'Documento comprobatório'].join(';') + '\r\n' + lines.join('\r\n'));
  },
  180_000,
);

it('writes a file that changes every name and the address of each record, with long values', () => {
  // It lists every row with a warning: more than spawnSync keeps by default.
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, 'import', 'corrections', file, '--force', '--accept-dip'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(result.status, `${result.stderr}${result.stdout.slice(-2000)}`).toBe(0);
  const db = openRawStore(desk.store, { readonly: true });
  try {
    expect(db.prepare('SELECT accepted, rejected FROM imports').all()).toEqual([{ accepted: ROWS, rejected: 0 }]);
    expect(db.prepare("SELECT count(*) FROM corrections WHERE source = 'import'").pluck().get()).toBe(ROWS * CHANGED.length);
    expect(db.prepare('SELECT name FROM professionals ORDER BY id LIMIT 1').pluck().get()).toBe(long(NAMES, 0, 118));
  } finally {
    db.close();
  }
}, 180_000);
