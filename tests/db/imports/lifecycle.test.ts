// Around the rows: preview, all or nothing, the same file twice, Cancelar, undo, the error report
// and its round trip, remembered mappings — and the store untouched whenever nothing is written.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { verifyAuditChain } from '../../../db/audit';
import { inspectImport } from '../../../db/imports/inspect';
import { importReport } from '../../../db/imports/report';
import { undoImport } from '../../../db/imports/undo';
import { getProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { fixture, importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { storeState } from '../../fixtures/imports/storeState';
import { buildXlsx, buildZip } from '../../fixtures/imports/zipWriter';
import { EVIDENCE, type TempDir, type TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
let files: TempDir;
deskWithPeopleForEachTest((fresh) => ({ desk, people, files } = fresh));

const reload = (who: Person) => getProfessional(desk.store.db, people[who].id) as Professional;
const corrections = () => runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections' }), jobContext(desk.store.path));

function sheetRows(path: string): string[][] {
  const book = XLSX.read(readFileSync(path), { type: 'buffer' });
  return XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: false, defval: '' });
}

describe('nothing written', () => {
  it('by a preview, which still runs every rule and sees what the real import would', () => {
    const before = storeState(desk.store.db);
    const preview = runImport(importInput(fixture('corrections.csv'), { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    expect(preview).toMatchObject({ dryRun: true, written: false, importId: null, accepted: 8, unchanged: 1, rejected: 10 });
    expect(storeState(desk.store.db)).toEqual(before);
    const real = corrections();
    expect({ ...real, importId: null, dryRun: true, written: false, sha256: '', file: '', format: '' }).toMatchObject({
      accepted: preview.accepted,
      unchanged: preview.unchanged,
      rejected: preview.rejected,
      errors: preview.errors,
    });
  });

  it('by "all or nothing" while any row is rejected; with every row valid, everything is written', () => {
    const before = storeState(desk.store.db);
    const refused = runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections', allOrNothing: true }), jobContext(desk.store.path));
    expect(refused).toMatchObject({ written: false, importId: null, rejected: 10 });
    expect(storeState(desk.store.db)).toEqual(before);
    const path = files.file('valida.csv');
    writeFileSync(path, ['Registro;Não consta mãe;E-mail;Documento', '10001;;ana.nova@exemplo.com.br;', '10002;Sim;;RG', '10008;;helena.nova@exemplo.com.br;'].join('\r\n'));
    const valid = runImport(importInput(path, { kind: 'corrections', allOrNothing: true }), jobContext(desk.store.path));
    expect(valid).toMatchObject({ written: true, accepted: 3, rejected: 0 });
  });

  it('when Cancelar is pressed midway', () => {
    const lines = ['CPF;E-mail', ...Array.from({ length: 3000 }, (_, i) => `${people.ana.cpf};ana${i}@exemplo.com.br`)];
    const path = files.file('longa.csv');
    writeFileSync(path, lines.join('\r\n'));
    const before = storeState(desk.store.db);
    const context = jobContext(desk.store.path, { cancelAfter: 1000 });
    expect(() => runImport(importInput(path, { kind: 'corrections' }), context)).toThrow(/cancelada: nada foi gravado/);
    expect(context.progressLog.some((p) => p.label.includes('lidas'))).toBe(true);
    expect(storeState(desk.store.db)).toEqual(before);
  });

  it('when the file is unreadable or unsafe', () => {
    const before = storeState(desk.store.db);
    const hostile: Record<string, Buffer | string> = {
      'bomba.xlsx': buildZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024) }]),
      'cortada.xlsx': readFileSync(fixture('corrections.xlsx')).subarray(0, 3000),
      'entidades.xlsx': buildXlsx([['CPF', 'E-mail'], [people.ana.cpf, '&x;']], { sheetProlog: '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>' }),
      'vazia.csv': '',
      'documento.pdf': '%PDF-1.7',
      'so-cabecalho.csv': 'CPF;E-mail\r\n',
    };
    for (const [name, bytes] of Object.entries(hostile)) {
      const path = files.file(name);
      writeFileSync(path, bytes);
      expect(() => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path)), name).toThrow(
        expect.objectContaining({ code: expect.stringMatching(/^FILE_UNSAFE|FILE_UNREADABLE$/) }),
      );
    }
    expect(storeState(desk.store.db)).toEqual(before);
  });
});

describe('the same file again', () => {
  it('is refused with the date and number of the earlier import, unless forced; a preview only warns', () => {
    const first = runImport(importInput(fixture('ceps.csv'), { kind: 'cep' }), jobContext(desk.store.path, { now: '2025-03-10T13:05:00.000Z' }));
    const before = storeState(desk.store.db);
    expect(() => runImport(importInput(fixture('ceps.csv'), { kind: 'cep' }), jobContext(desk.store.path))).toThrow(
      new RegExp(`já foi importada em 10/03/2025 \\d\\d:05 \\(importação nº ${first.importId}\\)`),
    );
    expect(storeState(desk.store.db)).toEqual(before);
    const preview = runImport(importInput(fixture('ceps.csv'), { kind: 'cep', dryRun: true }), jobContext(desk.store.path));
    expect(preview.previous).toMatchObject({ id: first.importId });
    const forced = runImport(importInput(fixture('ceps.csv'), { kind: 'cep', force: true }), jobContext(desk.store.path));
    expect(forced).toMatchObject({ written: true, accepted: 0, unchanged: 3 });
    const record = desk.store.db.prepare('SELECT forced FROM imports WHERE id = ?').get(forced.importId);
    expect(record).toEqual({ forced: 1 });
    // Another kind is another import: no refusal.
    expect(() => runImport(importInput(fixture('ceps.csv'), { kind: 'corrections', dryRun: true }), jobContext(desk.store.path))).toThrow(/não tem a coluna “CPF” nem a coluna “Registro”/);
  });
});

describe('undo', () => {
  it('gives every field back its value from before the import, removes its corrections, and is audited', () => {
    const summary = corrections();
    const undone = undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    expect(undone).toMatchObject({ removedChanges: 10, restoredRecords: 7 });
    expect(reload('ana').email).toBe(people.ana.email);
    expect(reload('bruna')).toMatchObject({ motherName: 'Cláudia Oliveira', motherNotListed: false });
    // The record's history says what the undo did, the mother fact as one item.
    const undoneEntries = desk.store.db
      .prepare("SELECT field, old_value AS old, new_value AS new FROM record_history WHERE professional_id = ? AND kind = 'import_undone'")
      .all(people.bruna.id);
    expect(undoneEntries).toEqual([
      { field: 'mother', old: '{"motherName":null,"motherNotListed":true}', new: '{"motherName":"Cláudia Oliveira","motherNotListed":false}' },
    ]);
    expect(reload('helena')).toMatchObject({ cep: '04538132', birthDate: '1980-05-17', number: '1000' });
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get()).toEqual({ n: 0 });
    const history = desk.handlers['imports:list']({ page: 0, pageSize: 10 }) as { items: { state: string; undoneAt: string | null; undoBlocker: string | null }[] };
    expect(history.items[0]).toMatchObject({ state: 'undone', undoBlocker: expect.stringMatching(/já foi desfeita/) });
    expect(desk.store.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import.undo'").get()).toEqual({ n: 1 });
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
    // Undone, the same file may come in again without forcing.
    expect(corrections()).toMatchObject({ written: true, accepted: 8 });
  });

  it('is refused, naming the registrations, when a record changed after the import', () => {
    const summary = corrections();
    const helena = reload('helena');
    desk.handlers['corrections:save']({
      professionalId: helena.id,
      expectedRowVersion: helena.rowVersion,
      changes: { email: 'helena.barbosa@exemplo.com.br' },
      reason: 'Pedido no balcão',
      evidence: EVIDENCE,
      dipAcknowledged: false,
    });
    const before = storeState(desk.store.db);
    expect(() => undoImport({ id: summary.importId as number }, jobContext(desk.store.path))).toThrow(/1 cadastro foi alterado depois da importação \(registro 10008\)/);
    expect(storeState(desk.store.db)).toEqual(before);
  });

  it('is refused once one of its corrections went into a batch', async () => {
    const summary = corrections();
    desk.store.db.prepare("UPDATE corrections SET status = 'batched' WHERE id = (SELECT min(id) FROM corrections)").run();
    const answer = await desk.dispatch('imports:undo', { id: summary.importId as number });
    expect(answer).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_REFUSED', message: expect.stringMatching(/^1 correção desta importação já entrou em lote/) } });
    expect(() => undoImport({ id: summary.importId as number }, jobContext(desk.store.path))).toThrow(/já entrou em lote/);
  });

  it('is refused while its corrections are in a lote still under review, saying how to take them out', async () => {
    const summary = corrections();
    const lote = await desk.handlers['batches:create']({});
    const answer = await desk.dispatch('imports:undo', { id: summary.importId as number });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_UNDO_REFUSED', message: expect.stringMatching(new RegExp(`^10 correções desta importação estão no lote ${lote.number}, ainda em revisão: retire-as do lote \\(ou cancele o lote\\)`)) },
    });
    await desk.handlers['batches:cancel']({ id: lote.id });
    expect(undoImport({ id: summary.importId as number }, jobContext(desk.store.path))).toMatchObject({ removedChanges: 10 });
  });

  it('is refused, saying so, once the clerk cancelled one of its corrections: none of them went into a lote', async () => {
    const summary = corrections();
    const uuid = (desk.store.db.prepare('SELECT uuid FROM corrections WHERE import_id = ? ORDER BY id LIMIT 1').get(summary.importId) as { uuid: string }).uuid;
    desk.handlers['corrections:cancel']({ uuid, reason: 'Digitado no cadastro errado' });
    const answer = await desk.dispatch('imports:undo', { id: summary.importId as number });
    expect(answer).toMatchObject({ ok: false, error: { code: 'IMPORT_UNDO_REFUSED', message: expect.stringMatching(/^1 correção desta importação foi cancelada depois dela/) } });
    expect((answer as { error: { message: string } }).error.message).not.toMatch(/lote|Implanta/);
  });

  it('puts a CEP directory back as it was: new CEPs removed, fixed ones restored', () => {
    desk.handlers['cep:save']({ cep: '01310930', street: 'Av. Paulista (antigo)', district: 'Bela Vista', city: 'São Paulo', uf: 'SP', reason: 'Cadastro anterior' });
    const summary = runImport(importInput(fixture('ceps.csv'), { kind: 'cep' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ inserted: 1, updated: 1 });
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    const directory = desk.handlers['cep:list']({ text: '', page: 0, pageSize: 10 }) as { items: { cep: string; street: string }[] };
    expect(directory.items.map((e) => [e.cep, e.street])).toEqual([['01310930', 'Av. Paulista (antigo)']]);
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM cep_changes').get()).toEqual({ n: 1 });
  });
});

describe('the error report', () => {
  it('holds the rejected rows with their original row number, their columns, the problems in words and their codes apart, and imports again once fixed', () => {
    const reportPath = files.file('erros.xlsx');
    const first = runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections', reportPath }), jobContext(desk.store.path));
    const rows = sheetRows(reportPath);
    expect(rows[0]).toEqual(['Linha original', ...first.headers, 'Situação da linha', 'Erros', 'Código do erro']);
    // Every row refused (a CEP outside its UF too: a refusal, not the form's warning).
    expect(new Set(rows.slice(1).map((r) => r.at(-3)))).toEqual(new Set(['recusada']));
    expect(rows).toHaveLength(1 + 10);
    const emailRow = rows.findIndex((r) => r.includes('helena@@exemplo'));
    const emailError = first.errors.find((e) => e.code === 'EMAIL_INVALID');
    expect(rows[emailRow]?.[0]).toBe(String(emailError?.row));
    expect(rows[emailRow]?.at(-2)).toMatch(/^E-mail inválido/);
    expect(rows[emailRow]?.at(-2)).not.toContain('[');
    expect(rows[emailRow]?.at(-1)).toBe('EMAIL_INVALID');
    expect(rows.find((r) => r.at(-1)?.includes('CPF_INVALID'))?.[2]).toBe('123.456.789-00');

    // The clerk fixes the e-mail in the report itself and imports the report.
    const book = XLSX.read(readFileSync(reportPath), { type: 'buffer' });
    const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
    const emailColumn = 1 + first.headers.indexOf('E-mail');
    sheet[XLSX.utils.encode_cell({ r: emailRow, c: emailColumn })] = { t: 's', v: 'helena.barbosa@exemplo.com.br' };
    const fixed = files.file('erros-corrigido.xlsx');
    writeFileSync(fixed, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const second = runImport(importInput(fixed, { kind: 'corrections' }), jobContext(desk.store.path));
    // The fixed row goes in; so does the row that conflicted with one of the first file (that one is
    // no longer beside it): keeping it in the report says its value is the right one.
    expect(second).toMatchObject({ rows: 10, accepted: 2, rejected: 8 });
    expect(reload('helena').email).toBe('helena.barbosa@exemplo.com.br');
    expect(reload('fernanda').email).toBe('fernanda@outro.com.br');
  });

  it('is rebuilt from the history of a written import', () => {
    const summary = corrections();
    const path = files.file('historico.xlsx');
    expect(importReport({ id: summary.importId as number, path }, jobContext(desk.store.path))).toEqual({ path, rows: 10 });
    const rows = sheetRows(path);
    expect(rows).toHaveLength(11);
    expect(rows[1]?.slice(1, 9)).toEqual(['10006', '', '', '', '', '', '', 'fernanda@outro.com.br']);
  });
});

describe('column mappings', () => {
  it('are remembered for the next file with the same headers', () => {
    const first = inspectImport({ path: fixture('workbook.xlsx'), name: 'workbook.xlsx' }, jobContext(desk.store.path));
    const sheet = first.sheets.find((s) => s.name === 'Correções');
    expect(sheet?.remembered.corrections).toBe(false);
    const mapping = [...(sheet?.mappings.corrections ?? [])];
    mapping[4] = null; // the clerk ignores "Data de nascimento"
    const summary = runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections', sheet: 'Correções', mapping }), jobContext(desk.store.path));
    // Bruna's "Não consta mãe" names no document (the sheet has no such column): refused.
    expect(summary).toMatchObject({ accepted: 1, unchanged: 1, rejected: 1 });
    const again = inspectImport({ path: fixture('workbook.xlsx'), name: 'workbook.xlsx' }, jobContext(desk.store.path));
    const remembered = again.sheets.find((s) => s.name === 'Correções');
    expect(remembered?.remembered.corrections).toBe(true);
    expect(remembered?.mappings.corrections).toEqual(mapping);
    expect(again.previous).toMatchObject([{ id: summary.importId, kind: 'corrections' }]);
  });

  it('are remembered by a preview only when the clerk chose them: a preview that takes the columns as found writes nothing', () => {
    const mappings = () => desk.store.db.prepare('SELECT count(*) FROM import_mappings').pluck().get();
    runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections', sheet: 'Correções', mapping: null, dryRun: true }), jobContext(desk.store.path));
    expect(mappings()).toBe(0);
    const sheet = inspectImport({ path: fixture('workbook.xlsx'), name: 'workbook.xlsx' }, jobContext(desk.store.path)).sheets.find((s) => s.name === 'Correções');
    const chosen = [...(sheet?.mappings.corrections ?? [])];
    chosen[4] = null;
    runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections', sheet: 'Correções', mapping: chosen, dryRun: true }), jobContext(desk.store.path));
    expect(mappings()).toBe(1);
  });
});
