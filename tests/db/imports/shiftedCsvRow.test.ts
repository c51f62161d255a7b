// A CSV row with a separator inside a value written without quotes ("Rua Frei Caneca; Bloco B") has
// one cell more than its header: every cell after it belongs to the next column. Read by position,
// the number would take the complement, the complement the district, and the reason a district.
// The row is refused whole, saying why; the rows around it go in. In a spreadsheet (xlsx) a value
// beyond the header is only a column without a title, and nothing is refused for it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { writeFileSync } from 'node:fs';
import { getProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { csvFile, validCpf, type TestDesk } from '../fixtures';

const SHIFTED = /^A linha tem valores em 7 colunas, e o cabeçalho nomeia 6: um separador dentro de um valor sem aspas/;

describe('a corrections CSV row with a separator in an unquoted value', () => {
  let desk: TestDesk;
  let people: Record<Person, Professional>;
  deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));
  const reload = (who: Person) => getProfessional(desk.store.db, people[who].id) as Professional;

  it('is refused whole, naming the cause; the other rows go in, and a trailing empty cell is no shift', () => {
    const path = csvFile(desk, 'enderecos.csv', [
      'Registro;Logradouro;Número;Complemento;Bairro;Motivo',
      `${people.ana.registrationNumber};Rua Frei Caneca; Bloco B;206;Apto 1103;Boa Vista;Mudança de endereço`,
      `${people.helena.registrationNumber};Rua das Flores;12;;Centro;Mudança de endereço;`,
    ]);
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ row: 2, column: '' });
    expect(summary.errors[0]?.message).toMatch(SHIFTED);
    expect(reload('ana').street).toBe(people.ana.street);
    expect(reload('ana').number).toBe(people.ana.number);
    expect(reload('helena').street).toBe('Rua das Flores');
    const queued = desk.store.db.prepare('SELECT count(*) FROM corrections WHERE professional_id = ?').pluck().get(people.ana.id);
    expect(queued).toBe(0);
  });

  it('in an xlsx, a value in a column without a title is not a shift', () => {
    const path = desk.file('enderecos.xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Registro', 'E-mail', 'Motivo'],
      [people.ana.registrationNumber, 'ana.nova@exemplo.com.br', 'Pedido da profissional', 'anotação da mesa'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Correções');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
  });
});

describe('a registry CSV row with a separator in an unquoted value', () => {
  let desk: BatchDesk;
  beforeEach(() => {
    desk = openBatchDesk();
  });
  afterEach(() => desk.cleanup());

  it('is refused whole: the record keeps its address and town', () => {
    const header = 'Registro;CPF;Logradouro;Complemento;Bairro;Município';
    loadRegistry(desk, [header, `1014;${validCpf(1014)};Rua Frei Caneca;Apto 1103;Consolação;São Paulo`]);
    const before = desk.store.db.prepare("SELECT * FROM professionals WHERE registration_number = '1014'").get();
    const result = loadRegistry(desk, [header, `1014;${validCpf(1014)};Rua Frei Caneca; Bloco B;Apto 1103;Boa Vista;Recife`]);
    expect(result.rejected).toBe(1);
    expect(result.errors[0]?.message).toMatch(SHIFTED);
    expect(desk.store.db.prepare("SELECT * FROM professionals WHERE registration_number = '1014'").get()).toEqual(before);
  });
});
