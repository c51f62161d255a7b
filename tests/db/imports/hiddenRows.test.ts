// A clerk filters a spreadsheet (or hides rows by hand) and imports it: the hidden rows are still in
// the file and are read like the others. The summary says so — how many, and which — so nobody
// believes only the rows on screen went in.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import type { TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

function workbook(hidden: number[]): string {
  const who: Person[] = ['ana', 'fernanda', 'helena', 'gabriela'];
  const sheet = XLSX.utils.aoa_to_sheet([['Registro', 'E-mail', 'Motivo'], ...who.map((p, i) => [people[p].registrationNumber, `nova.${i}@exemplo.com.br`, 'Pedido da profissional'])]);
  sheet['!rows'] = [];
  for (const row of hidden) sheet['!rows'][row - 1] = { hidden: true };
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Correções');
  const path = desk.file(`filtrada-${hidden.join('-')}.xlsx`);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', cellStyles: true }) as Buffer);
  return path;
}

describe('rows hidden in an xlsx', () => {
  it('are imported like the others, and the summary names them', () => {
    const summary = runImport(importInput(workbook([3, 5]), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 4, accepted: 4, hiddenRows: { count: 2, first: [3, 5] } });
  });

  it('none hidden: nothing said', () => {
    const summary = runImport(importInput(workbook([]), { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    expect(summary.hiddenRows).toEqual({ count: 0, first: [] });
  });
});
