// A council's file lists people by name, in an order unrelated to the store's. The import reads it
// whole and then checks and writes it record by record in the store's order; what the clerk sees
// must still follow the file: the preview's first rows, the errors by row, a row repeating a
// record answered by the earlier one. A file that may move CPFs between records keeps the file's order.
import { describe, expect, it } from 'vitest';
import { FirstByRow, RowsInStoreOrder } from '../../../db/imports/storeOrder';
import { getProfessional } from '../../../db/registry';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { correctionsCsv, validCpf } from '../fixtures';
import { numberedDeskForEachTest } from './numberedDesk';

const RECORDS = 300;
// Written 16 rows a step: a file in the file's order would be written in many chunks, each out of the store's order.
const people = numberedDeskForEachTest(RECORDS, { cpf: 300_000_000, registration: 80_000 });

const csv = (header: string, lines: string[]) => correctionsCsv(people.desk, header, lines);

/** Record numbers 1…RECORDS in an order unrelated to theirs (as a list by name would be). */
const shuffled = Array.from({ length: RECORDS }, (_, i) => ((i * 113) % RECORDS) + 1);
const { cpfOf } = people;
const idOf = (i: number) => (people.desk.store.db.prepare('SELECT id FROM professionals WHERE cpf = ?').pluck().get(cpfOf(i)) as number);

describe('a corrections file in an order unrelated to the store’s', () => {
  it('is written record by record in the store’s order, and what the clerk sees follows the file', () => {
    const lines = shuffled.map((i) => (i % 50 === 7 ? `${cpfOf(i)};sem-arroba-${i}` : `${cpfOf(i)};novo${i}@exemplo.com.br`));
    // The record of the file's second row again, far below, with another address: the earlier row wins.
    lines.push(`${cpfOf(shuffled[1] as number)};outro@exemplo.com.br`);
    const summary = runImport(importInput(csv('CPF;E-mail', lines), { kind: 'corrections', errorLimit: 10 }), jobContext(people.desk.store.path));

    const written = people.desk.store.db.prepare("SELECT professional_id FROM corrections WHERE source = 'import' ORDER BY id").pluck().all() as number[];
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written).toHaveLength(RECORDS - 6);

    // The preview: the file's first rows, in the file's order, whoever they are.
    expect(summary.sample.slice(0, 100).map((row) => row.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(summary.sample[0]?.who).toContain(`registro ${80_000 + (shuffled[0] as number)}`);
    // The errors, by row as in the file.
    const badRows = lines.map((line, i) => (line.includes('sem-arroba') || i === lines.length - 1 ? i + 2 : 0)).filter((row) => row > 0);
    expect(summary.errors.map((e) => e.row)).toEqual(badRows);
    const repeated = summary.sample.find((row) => row.row === lines.length + 1);
    expect(repeated?.errors[0]?.message).toMatch(/já aparece na linha 3 desta planilha/);
    expect(getProfessional(people.desk.store.db, idOf(shuffled[1] as number))?.email).toBe(`novo${shuffled[1]}@exemplo.com.br`);
  });

  it('checks a row against whoever holds its CPF when it is checked, not when the file was read', () => {
    const moved = shuffled[0] as number;
    // Rows about nobody after the file's own, so it is still being read once its first rows are matched.
    const nobody = Array.from({ length: 300 }, (_, i) => `${validCpf(398_000_000 + i)};ninguem${i}@exemplo.com.br`);
    const lines = [...shuffled.map((i) => `${cpfOf(i)};novo${i}@exemplo.com.br`), ...nobody];
    const context = jobContext(people.desk.store.path);
    const report = context.progress;
    let changed = false;
    // While the file is still being read (its first rows already matched to their records), the
    // first row's record gets another CPF, as a clerk's save beside the import would give it.
    context.progress = (p) => {
      report(p);
      if (!changed && p.label.includes('512 lidas')) {
        people.desk.store.db.prepare('UPDATE professionals SET cpf = ? WHERE id = ?').run(validCpf(399_000_001), idOf(moved));
        changed = true;
      }
    };
    const summary = runImport(importInput(csv('CPF;E-mail', lines), { kind: 'corrections', errorLimit: 10 }), context);

    expect(changed).toBe(true);
    expect(summary.errors[0]).toMatchObject({ row: 2, code: 'PROFESSIONAL_NOT_FOUND' });
    expect(summary.errors[1]?.row).toBeGreaterThan(RECORDS + 1);
    const record = people.desk.store.db.prepare('SELECT email FROM professionals WHERE cpf = ?').get(validCpf(399_000_001)) as { email: string | null };
    expect(record.email).not.toBe(`novo${moved}@exemplo.com.br`);
  });

  it('keeps the file’s order when it may move a CPF from one record to another', () => {
    // Row 2 gives record 2 a new CPF; row 3 then asks record 2's former CPF for record 1. Read in
    // the file's order, row 3 meets a CPF Implanta still knows record 2 by (its correction goes in
    // the same lote); read in the store's order, it would meet a CPF record 2 still holds.
    const freed = cpfOf(2);
    const fresh = validCpf(399_999_999);
    const summary = runImport(
      importInput(csv('Registro;CPF;Documento comprobatório', [`80002;${fresh};RG 123`, `80001;${freed};RG 456`]), { kind: 'corrections', dipAcknowledged: true }),
      jobContext(people.desk.store.path),
    );
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(summary.errors).toEqual([expect.objectContaining({ row: 3, code: 'CPF_DUPLICATE', message: expect.stringContaining('ainda é o CPF do registro 80002 para a Implanta') })]);
    expect(people.desk.store.db.prepare('SELECT registration_number FROM professionals WHERE cpf = ?').pluck().get(fresh)).toBe('80002');
    expect(people.desk.store.db.prepare('SELECT registration_number FROM professionals WHERE cpf = ?').pluck().get(freed)).toBeUndefined();
  });
});

describe('the rows held in the store’s order', () => {
  it('hands out each record’s rows in the file’s order, rows about no record last, cells as they were read', () => {
    const records: Record<string, number | null> = { a: 5, b: 2, c: null, d: 5, e: 1, f: null };
    const rows = new RowsInStoreOrder((batch) => batch.map((raw) => records[raw.cells[0] as string] ?? null));
    const letters = ['a', 'b', 'c', 'd', 'e', 'f'];
    letters.forEach((letter, i) => rows.add({ row: i + 2, cells: [letter, `célula ${i}`, i === 3 ? 'com\u0000nulo' : ''] }));
    const out = [...rows.inOrder()];
    expect(out.map((o) => o.raw.cells[0])).toEqual(['e', 'b', 'a', 'd', 'c', 'f']);
    expect(out.map((o) => o.ordinal)).toEqual([4, 1, 0, 3, 2, 5]);
    expect(out.map((o) => o.record)).toEqual([1, 2, 5, 5, null, null]);
    expect(out.find((o) => o.raw.row === 5)?.raw.cells).toEqual(['d', 'célula 3', 'com\u0000nulo']);
    expect(out.find((o) => o.raw.row === 2)?.raw.cells).toEqual(['a', 'célula 0', '']);
  });

  it('gives back every cell of a file bigger than one block of packed rows, accents and emoji included', () => {
    const count = 120_000; // about 8 MB packed: rows in three blocks
    const rows = new RowsInStoreOrder((batch) => batch.map((raw) => count - raw.row));
    const cellsOf = (i: number) => [String(i), `Conceição Aparecida ${i} 🙂`, i % 7 === 0 ? '' : 'São Luís – MA'];
    for (let i = 0; i < count; i++) rows.add({ row: i, cells: cellsOf(i) });
    let expected = count - 1;
    for (const { raw } of rows.inOrder()) {
      expect(raw.row).toBe(expected);
      if (raw.cells.join('|') !== cellsOf(expected).join('|')) expect(raw.cells).toEqual(cellsOf(expected));
      expected--;
    }
    expect(expected).toBe(-1);
  });

  it('lists the first items by row whatever order they came in, a row’s items in their order', () => {
    const first = new FirstByRow<{ row: number; n: number }>(3);
    for (const [row, n] of [[9, 1], [4, 1], [7, 1], [4, 2], [2, 1], [8, 1]]) first.add({ row: row as number, n: n as number });
    expect(first.list()).toEqual([{ row: 2, n: 1 }, { row: 4, n: 1 }, { row: 4, n: 2 }]);
  });
});
