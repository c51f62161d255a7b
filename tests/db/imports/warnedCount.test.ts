// The import's summary tells how many rows go in with a warning (a shared e-mail): the window says
// "N com aviso" above the rows and after the write, apart from the rows refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { importReport } from '../../../db/imports/report';
import { listImports } from '../../../db/imports/history';
import type { ImportSummary } from '../../../shared/contract/imports';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, correctionsCsv, testDeskForEachTest, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

function importRows(lines: string[], options: { dryRun?: boolean } = {}): ImportSummary {
  const path = correctionsCsv(desk, 'Registro;E-mail', lines);
  return runImport(importInput(path, { kind: 'corrections', ...options }), jobContext(desk.store.path));
}

describe('rows written with a warning', () => {
  it('are counted apart from the rejected ones, in the preview and in the write', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81003', email: 'cai@exemplo.com.br' });
    const lines = ['81002;ana@exemplo.com.br', '81003;cai.novo@exemplo.com.br', '99999;x@exemplo.com.br'];

    expect(importRows(lines, { dryRun: true })).toMatchObject({ accepted: 2, rejected: 1, warned: 1 });
    expect(importRows(lines)).toMatchObject({ written: true, accepted: 2, rejected: 1, warned: 1 });
  });

  it('are none when no row has a warning', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    expect(importRows(['81001;ana.nova@exemplo.com.br', '99999;x@exemplo.com.br'], { dryRun: true })).toMatchObject({ accepted: 1, rejected: 1, warned: 0 });
  });
});

describe('the history of an import whose rows went in with a warning', () => {
  it('tells how many rows its report holds, so the report is offered', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    const written = importRows(['81002;ana@exemplo.com.br']);
    expect(written).toMatchObject({ written: true, rejected: 0, warned: 1 });
    const item = listImports(desk.store.db, { page: 0, pageSize: 10 }).items.find((i) => i.id === written.importId);
    expect(item).toMatchObject({ rejected: 0, reportRows: 1 });
  });
});

/** Each row of a report: its row, its situation, its codes. */
function situations(path: string) {
  const book = XLSX.read(readFileSync(path), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, defval: '' });
  const column = (rows[0] as string[]).indexOf('Situação da linha');
  return rows.slice(1).map((r) => [r[0], r[column], r.at(-1)]);
}

describe('the report of an import with rows refused and rows written with a warning', () => {

  it('tells each row apart: refused, or written with a warning; as many of each as the summary says', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    const reportPath = desk.file('relatorio.xlsx');
    const path = correctionsCsv(desk, 'Registro;E-mail', ['81002;ana@exemplo.com.br', '99999;x@exemplo.com.br']);
    const summary = runImport(importInput(path, { kind: 'corrections', reportPath }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, accepted: 1, rejected: 1, warned: 1 });
    const rows = situations(reportPath);
    expect(rows).toEqual([
      ['2', 'importada com aviso', 'EMAIL_SHARED'],
      ['3', 'recusada', expect.any(String)],
    ]);
    expect(rows.filter((r) => r[1] === 'recusada')).toHaveLength(summary.rejected);
    expect(rows.filter((r) => r[1] === 'importada com aviso')).toHaveLength(summary.warned);

    // Rebuilt from the history, the report says the same.
    const again = desk.file('historico.xlsx');
    importReport({ id: summary.importId as number, path: again }, jobContext(desk.store.path));
    expect(situations(again)).toEqual(rows);
  });

  it('of a check that wrote nothing does not say the warned row was imported', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    const reportPath = desk.file('conferencia.xlsx');
    const path = correctionsCsv(desk, 'Registro;E-mail', ['81002;ana@exemplo.com.br']);
    runImport(importInput(path, { kind: 'corrections', reportPath, dryRun: true }), jobContext(desk.store.path));
    expect(situations(reportPath)).toEqual([['2', 'com aviso (não gravada)', 'EMAIL_SHARED']]);
  });
});

describe('the report of rows written with a warning the correction form gives', () => {
  it('says they went in (a misspelt provider, a name in doubt), and the history rebuilds the same', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    const reportPath = desk.file('avisos-do-formulario.xlsx');
    const path = correctionsCsv(desk, 'Registro;E-mail', ['81001;ana.nova@gmial.com', '99999;x@exemplo.com.br']);
    const summary = runImport(importInput(path, { kind: 'corrections', reportPath }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, accepted: 1, rejected: 1, warned: 1 });
    const rows = situations(reportPath);
    expect(rows).toEqual([
      ['2', 'importada com aviso', 'EMAIL_TYPO'],
      ['3', 'recusada', expect.any(String)],
    ]);
    const again = desk.file('avisos-historico.xlsx');
    importReport({ id: summary.importId as number, path: again }, jobContext(desk.store.path));
    expect(situations(again)).toEqual(rows);
  });
});
