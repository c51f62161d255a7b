// A column hidden in the spreadsheet is still in the file, and the import reads it like the others.
// The summary (and so the preview, the summary screen and the command line) names each hidden column
// the import uses, by its letter and header, so nobody believes only the columns on screen went in.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { buildZip } from '../../fixtures/imports/zipWriter';
import { unzipEntries } from '../../fuzz/generators';
import type { TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

const HEADER = ['Registro', 'E-mail', 'Telefone', 'Observação', 'Motivo'];

/** A corrections sheet whose columns `hidden` (zero-based) are hidden, as Excel's "Ocultar" leaves them. */
function book(hidden: number[]): XLSX.WorkBook {
  const who: Person[] = ['ana', 'fernanda', 'helena'];
  const sheet = XLSX.utils.aoa_to_sheet([HEADER, ...who.map((p, i) => [people[p].registrationNumber, `nova.${i}@exemplo.com.br`, `(11) 98765-432${i}`, 'conferido', 'Pedido da profissional'])]);
  sheet['!cols'] = [];
  for (const column of hidden) sheet['!cols'][column] = { hidden: true };
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, 'Correções');
  return workbook;
}

function file(name: string, bytes: Buffer): string {
  const path = desk.file(name);
  writeFileSync(path, bytes);
  return path;
}

function xlsx(hidden: number[]): string {
  return file(`ocultas-${hidden.join('-')}.xlsx`, XLSX.write(book(hidden), { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

function preview(path: string) {
  return runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
}

describe('columns hidden in the spreadsheet', () => {
  it('a hidden column the import uses is read like the others, and the summary names it by letter and header', () => {
    const path = xlsx([1]);
    expect(preview(path)).toMatchObject({ rows: 3, accepted: 3, hiddenColumns: [{ letter: 'B', header: 'E-mail' }] });
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, accepted: 3, hiddenColumns: [{ letter: 'B', header: 'E-mail' }] });
  });

  it('none hidden: nothing said', () => {
    expect(preview(xlsx([])).hiddenColumns).toEqual([]);
  });

  it('a hidden column the import does not read is no news', () => {
    const summary = preview(xlsx([3]));
    expect(summary).toMatchObject({ accepted: 3, unread: ['Observação'], hiddenColumns: [] });
  });

  it('one <col> hiding a span of columns names each column of it the import uses', () => {
    const parts = unzipEntries(XLSX.write(book([]), { type: 'buffer', bookType: 'xlsx' }) as Buffer).map(({ name, data }) => {
      if (name !== 'xl/worksheets/sheet1.xml') return { name, data };
      // Everything from C to the sheet's last column hidden at once, as Excel writes it.
      const xml = data.toString('utf8').replace('<sheetData>', '<cols><col min="3" max="16384" width="0" hidden="1" customWidth="1"/></cols><sheetData>');
      return { name, data: Buffer.from(xml, 'utf8') };
    });
    const summary = preview(file('faixa-oculta.xlsx', buildZip(parts)));
    expect(summary.hiddenColumns).toEqual([
      { letter: 'C', header: 'Telefone' },
      { letter: 'E', header: 'Motivo' },
    ]);
  });

  it('an .xls tells its hidden columns too', () => {
    const summary = preview(file('ocultas.xls', XLSX.write(book([1]), { type: 'buffer', bookType: 'xls' }) as Buffer));
    expect(summary).toMatchObject({ format: 'xls', accepted: 3, hiddenColumns: [{ letter: 'B', header: 'E-mail' }] });
    expect(preview(file('visiveis.xls', XLSX.write(book([]), { type: 'buffer', bookType: 'xls' }) as Buffer)).hiddenColumns).toEqual([]);
  });
});
