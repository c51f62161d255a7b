// The main system's file opened in Excel and saved as CSV: a phone or a CEP held as a number comes
// out in scientific notation (1,19877E+10), its last digits gone. A registry load keeps the value the
// record holds and says why in the load's note; a corrections file refuses the cell saying why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';

const HEADER = 'Registro;CPF;Nome;Telefone;CEP';
let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, `1000;${validCpf(1000)};Maria Souza;11959147412;01964-648`]);
});
afterEach(() => desk.cleanup());

const record = () => desk.store.db.prepare("SELECT cpf, phone, cep FROM professionals WHERE registration_number = '1000'").get() as { cpf: string; phone: string; cep: string };

describe('numbers a spreadsheet saved in scientific notation', () => {
  it('a registry load keeps the phone and CEP the record holds, and the note says the digits were lost', () => {
    const before = record();
    const result = loadRegistry(desk, [HEADER, `1000;${validCpf(1000)};Maria Souza;1,19877E+10;1,96465E+06`]);
    expect(result.rejected).toBe(0);
    expect(record()).toEqual(before);
    const notes = desk.store.db.prepare("SELECT message FROM pendencies WHERE message LIKE '%notação científica%'").pluck().all() as string[];
    expect(notes.join('\n')).toMatch(/Telefone no arquivo em notação científica \(1,19877E\+10\): a planilha guardou o número como número e perdeu dígitos; o cadastro manteve o valor que tinha/);
    expect(notes.join('\n')).toMatch(/CEP no arquivo em notação científica \(1,96465E\+06\)/);
  });

  it('a registry load names a CPF in scientific notation as such', () => {
    const result = loadRegistry(desk, [HEADER, `1000;3,61234E+10;Maria Souza;11959147412;01964-648`]);
    expect(result.errors[0]?.message).toMatch(/^CPF em notação científica \(3,61234E\+10\): a planilha guardou o CPF como número e perdeu dígitos/);
  });

  it('a corrections file refuses the cell, saying the digits were lost', () => {
    const path = desk.dir.file('telefones.csv');
    writeFileSync(path, ['Registro;Telefone;Motivo', '1000;1,19877E+10;Pedido da profissional'].join('\r\n'));
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
    expect(summary.errors[0]).toMatchObject({ column: 'Telefone', code: 'VALUE_INVALID' });
    expect(summary.errors[0]?.message).toMatch(/^Telefone em notação científica \(1,19877E\+10\): a planilha guardou o número como número e perdeu dígitos\. Formate a coluna como Texto/);
  });
});
