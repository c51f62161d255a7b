// A workbook often keeps a header-only sheet (a template, "SoCabecalho") before the sheets with the
// data. With no sheet named, the import passes it over for the next visible sheet whose header fits
// and that has rows — looking at each sheet no further than its first data row; a sheet named on
// purpose is read as named, and a workbook whose fitting sheets all lack rows is refused as before.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { chooseSheet } from '../../../db/imports/sheets';
import type { RawRow, SpreadsheetSource } from '../../../db/imports/readers/source';
import { deskWithPeopleForEachTest } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { refusalOfCall as refusal, type TestDesk } from '../fixtures';

const HEADER = ['CPF', 'E-mail', 'Motivo'];
const ROW = ['123.456.789-09', 'a@b.com.br', 'Pedido da profissional'];

/** A source over rows in memory that counts the rows each sheet handed out. */
function countingSource(sheets: Record<string, string[][]>): SpreadsheetSource & { handed: Record<string, number> } {
  const handed: Record<string, number> = {};
  return {
    format: 'xlsx',
    sheets: Object.keys(sheets).map((name) => ({ name, hidden: false })),
    handed,
    *rows(sheet: string): Generator<RawRow> {
      handed[sheet] = 0;
      for (const [index, cells] of (sheets[sheet] ?? []).entries()) {
        handed[sheet]++;
        yield { row: index + 1, cells };
      }
    },
    rowEstimate: () => null,
    hiddenColumns: () => [],
    progress: { done: 0, total: 0 },
    close: () => undefined,
  };
}

describe('the sheet read when none is named', () => {
  let desk: TestDesk;
  deskWithPeopleForEachTest((fresh) => ({ desk } = fresh));

  function workbook(name: string, sheets: Record<string, string[][]>): string {
    const book = XLSX.utils.book_new();
    for (const [sheet, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), sheet);
    const path = desk.file(name);
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    return path;
  }

  it('passes over a header-only sheet before the data for the next one with rows', () => {
    const path = workbook('abas.xlsx', { SoCabecalho: [HEADER], Correções: [HEADER, ROW] });
    const summary = runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    expect(summary.sheet).toBe('Correções');
    expect(summary.rows).toBe(1);
  });

  it('still refuses the header-only sheet when it was named', () => {
    const path = workbook('abas.xlsx', { SoCabecalho: [HEADER], Correções: [HEADER, ROW] });
    const error = refusal(() => runImport(importInput(path, { kind: 'corrections', sheet: 'SoCabecalho', dryRun: true }), jobContext(desk.store.path)));
    expect(error).toMatchObject({ code: 'FILE_UNREADABLE', message: 'A aba “SoCabecalho” só tem o cabeçalho: não há linhas para importar.' });
  });

  it('refuses as before when no sheet whose header fits has rows', () => {
    const path = workbook('abas.xlsx', { SoCabecalho: [HEADER], Modelo: [HEADER, [], ['  ']], Outra: [['Nada', 'Aqui'], ['1', '2']] });
    const error = refusal(() => runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path)));
    expect(error).toMatchObject({ code: 'FILE_UNREADABLE', message: 'A aba “SoCabecalho” só tem o cabeçalho: não há linhas para importar.' });
  });

  it('reads each sheet no further than its first data row, and a sheet that does not fit no further than its header', () => {
    const many = Array.from({ length: 50 }, () => ROW);
    const source = countingSource({ Capa: [['Relatório de março'], ...many], SoCabecalho: [[], HEADER], Dados: [HEADER, [], ...many], Depois: [HEADER, ...many] });
    expect(chooseSheet(source, '', 'corrections')).toBe('Dados');
    expect(source.handed).toEqual({ Capa: 1, SoCabecalho: 2, Dados: 3 });
  });
});
