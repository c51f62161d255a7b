// A cell whose formula failed (#DIV/0!, #N/D, #VALOR!) holds no value: the row is refused naming the
// error the clerk sees in her spreadsheet program and what to do, on the column of the cell —
// never as a name with forbidden characters or an e-mail without "@", and nothing of the row is written.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { getProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { csvFile, type TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

const reload = (who: Person) => getProfessional(desk.store.db, people[who].id) as Professional;

function errorsOf(summary: ReturnType<typeof runImport>) {
  return summary.errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: e.message }));
}

describe('a formula error in a corrections spreadsheet', () => {
  it('saved by Excel in Portuguese as CSV refuses the row naming the error, in every kind of column', () => {
    const path = csvFile(desk, 'erros.csv', [
      'Registro;Nome da mãe;E-mail;CEP;Motivo;Observação da planilha',
      `${people.ana.registrationNumber};#DIV/0!;;;Certidão de nascimento apresentada`,
      `${people.fernanda.registrationNumber};;#N/D;;Pedido por e-mail da profissional`,
      `${people.helena.registrationNumber};;;#VALOR!;Comprovante de residência`,
      `${people.gabriela.registrationNumber};;gabi.nova@exemplo.com.br;;Pedido por e-mail da profissional;#REF!`,
    ]);
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 4, accepted: 1, rejected: 3 });
    const errors = errorsOf(summary);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Nome da mãe', 'VALUE_INVALID'],
      [3, 'E-mail', 'VALUE_INVALID'],
      [4, 'CEP', 'VALUE_INVALID'],
    ]);
    expect(errors[0]?.message).toMatch(/^A célula mostra o erro #DIV\/0!, de uma fórmula sem resultado/);
    expect(errors[1]?.message).toMatch(/o erro #N\/D/);
    expect(errors[2]?.message).toMatch(/o erro #VALOR!/);
    for (const error of errors) {
      expect(error.message).toMatch(/corrija a fórmula ou digite o valor/);
      expect(error.message).not.toMatch(/apenas letras|E-mail inválido|CEP inválido/);
    }
    // Nothing of a refused row is written; an error in a column the import does not read is no problem.
    expect(reload('ana').motherName).toBe(people.ana.motherName);
    expect(reload('fernanda').email).toBe(people.fernanda.email);
    expect(reload('helena').cep).toBe(people.helena.cep);
    expect(reload('gabriela').email).toBe('gabi.nova@exemplo.com.br');
  });

  it('in an xlsx (stored in English) is named as Excel in Portuguese shows it', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Registro', 'Nome', 'Nome da mãe', 'Motivo'],
      [people.ana.registrationNumber, 'x', '', 'Certidão de casamento apresentada'],
      [people.bruna.registrationNumber, '', 'x', 'Certidão de nascimento apresentada'],
    ]);
    sheet.B2 = { t: 'e', v: 0x2a, w: '#N/A' };
    sheet.C3 = { t: 'e', v: 0x07, w: '#DIV/0!' };
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Correções');
    const path = desk.file('erros.xlsx');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 2, rejected: 2 });
    expect(errorsOf(summary).map((e) => [e.row, e.column, e.code, e.message.slice(0, 24)])).toEqual([
      [2, 'Nome', 'VALUE_INVALID', 'A célula mostra o erro #'],
      [3, 'Nome da mãe', 'VALUE_INVALID', 'A célula mostra o erro #'],
    ]);
    expect(summary.errors[0]?.message).toMatch(/o erro #N\/D,/);
    expect(summary.errors[1]?.message).toMatch(/o erro #DIV\/0!,/);
    expect(reload('ana').name).toBe(people.ana.name);
    expect(reload('bruna').motherName).toBe(people.bruna.motherName);
  });
});

describe('a formula error in a CEP spreadsheet', () => {
  it('refuses the row on the column of the cell, instead of storing the error as a street', () => {
    const path = csvFile(desk, 'ceps-erros.csv', [
      'CEP;Logradouro;Bairro;Município;UF;Motivo',
      '01310-930;#NOME?;Bela Vista;São Paulo;SP;CEP informado pela profissional',
    ]);
    const summary = runImport(importInput(path, { kind: 'cep' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 1, rejected: 1 });
    expect(errorsOf(summary)).toEqual([expect.objectContaining({ row: 2, column: 'Logradouro', code: 'VALUE_INVALID', message: expect.stringMatching(/o erro #NOME\?/) })]);
    expect(desk.store.db.prepare("SELECT cep FROM cep_directory WHERE cep = '01310930'").all()).toEqual([]);
  });
});

describe('a cell that only looks like a formula error', () => {
  it('is judged by the field’s rule as any text, and an error with spaces around it is still named', () => {
    const path = csvFile(desk, 'quase-erros.csv', [
      'Registro;Nome da mãe;Motivo',
      `${people.ana.registrationNumber};Maria #N/D;Certidão de nascimento apresentada`,
      `${people.bruna.registrationNumber};  #N/D  ;Certidão de nascimento apresentada`,
    ]);
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(errorsOf(summary).map((e) => [e.row, e.code, e.message.startsWith('A célula mostra o erro #N/D,')])).toEqual([
      [2, 'NAME_INVALID', false],
      [3, 'VALUE_INVALID', true],
    ]);
  });
});
