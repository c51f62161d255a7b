// A file with the header and no row under it is refused at the check, saying where it looked: a
// spreadsheet's sheet ("aba") by name, a CSV — which has no sheets — by the file's name. The first
// look at the file already says so, so the screen stops the clerk before mapping the columns.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { deskWithPeopleForEachTest } from '../../fixtures/imports/people';
import { inspectImport } from '../../../db/imports/inspect';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { csvFile, refusalOfCall as refusal, type TestDesk } from '../fixtures';

describe('a file with only the header', () => {
  let desk: TestDesk;
  deskWithPeopleForEachTest((fresh) => ({ desk } = fresh));

  it('a CSV is named as a file, never as a sheet', () => {
    const path = csvFile(desk, 'vazio.csv', ['Registro;E-mail;Motivo', '']);
    const error = refusal(() => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path)));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toBe('O arquivo “vazio.csv” só tem o cabeçalho: não há linhas para importar.');
  });

  it('a spreadsheet names its sheet', () => {
    const path = desk.file('vazia.xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Registro', 'E-mail', 'Motivo']]), 'Correções');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const error = refusal(() => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path)));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toBe('A aba “Correções” só tem o cabeçalho: não há linhas para importar.');
  });

  it('the first look at the file tells which sheets have only the header, blank rows under it aside', () => {
    const path = desk.file('abas.xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['CPF', 'E-mail', 'Motivo'], [], ['  ', '', '']]), 'Modelo');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['CPF', 'E-mail', 'Motivo'], [], ['123.456.789-09', 'a@b.com.br', 'Documento']]), 'Correções');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const inspected = inspectImport({ path, name: 'abas.xlsx' }, jobContext(desk.store.path));
    expect(inspected.sheets.map((s) => [s.name, s.headerOnly])).toEqual([
      ['Modelo', true],
      ['Correções', false],
    ]);
  });

  it('a header-only CSV is told at the first look too', () => {
    const path = csvFile(desk, 'so-cabecalho.csv', ['CPF;E-mail;Motivo', '']);
    expect(inspectImport({ path, name: 'so-cabecalho.csv' }, jobContext(desk.store.path)).sheets[0]?.headerOnly).toBe(true);
  });
});
