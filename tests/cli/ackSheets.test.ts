// `batch ack` of a workbook answer Implanta split over two sheets, one row of which is hidden: every
// answer is applied, and the command says which sheets it read and which row was hidden, in its
// text and its JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk, registrationsIn } from './command';

const desk = cliDesk('cress-cli-ack-sheets-', (d) => initDesk(d, { professionals: 4, seed: 5 }));
let ids: string[];

beforeAll(() => {
  mkdirSync(join(desk.dir, 'lotes'));
  for (const [index, registration] of (registrationsIn(desk.store) as string[]).slice(0, 3).entries()) {
    expect(desk.run('correct', registration, '--field', 'email', '--value', `nova.caixa.${index}@gmail.com`, '--reason', 'Pedido no balcão').code).toBe(0);
  }
  for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', join(desk.dir, 'lotes')], ['batch', 'mark-sent', '2026-0001']]) {
    const done = desk.run(...step);
    expect(done.code, done.stderr).toBe(0);
  }
  const db = openRawStore(desk.store, { readonly: true });
  try {
    ids = db.prepare('SELECT uuid FROM corrections ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}, 60_000);

function answer(name: string, sheets: { name: string; rows: string[][]; hiddenRows?: number[] }[]): string {
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const written = XLSX.utils.aoa_to_sheet(sheet.rows);
    written['!rows'] = sheet.rows.map((_, index) => (sheet.hiddenRows?.includes(index + 1) ? { hidden: true } : {}));
    XLSX.utils.book_append_sheet(book, written, sheet.name);
  }
  const path = join(desk.dir, name);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', cellStyles: true }) as Buffer);
  return path;
}

describe('batch ack of an answer on two sheets with a hidden row', () => {
  it('applies every answer and names the sheets read and the hidden row', () => {
    const header = ['id', 'situação', 'mensagem'];
    const file = answer('resposta.xlsx', [
      { name: 'Aplicadas', rows: [header, [ids[0]!, 'aplicada', ''], [ids[1]!, 'rejeitada', 'linha oculta']], hiddenRows: [3] },
      { name: 'Rejeitadas', rows: [header, [ids[2]!, 'rejeitada', 'E-mail já usado']] },
    ]);
    const dry = desk.json('batch', 'ack', file);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.body).toMatchObject({ applied: 1, rejected: 2, unanswered: 0 });
    expect(dry.body.sheets).toEqual({ read: ['Aplicadas', 'Rejeitadas'], withoutAnswers: [], hiddenWithAnswers: [] });
    expect(dry.body.hiddenRows).toEqual([{ sheet: 'Aplicadas', count: 1, first: [3] }]);
    const again = desk.run('batch', 'ack', file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Sheets read: “Aplicadas”, “Rejeitadas”.');
    expect(again.stdout).toContain('1 row is hidden in sheet “Aplicadas” (a filter, or hidden by hand: row 3) and was applied like the others.');
  });
});
