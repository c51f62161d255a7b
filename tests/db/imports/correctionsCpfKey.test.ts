// A corrections file keyed by CPF, as the council's spreadsheets bring it: a CPF starting with
// three or more zeros held as a number (the cell keeps 14089173 and shows 000.140.891-73), or a CPF
// cell carrying a character that takes no room on screen (a zero-width space copied from a web page,
// a no-break space, a soft hyphen, a byte-order mark). The clerk sees the CPF the record holds, and
// the row reaches that record — as a registry load and the text cell 00014089173 do.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { buildXlsx } from '../../fixtures/imports/zipWriter';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';

// 000.140.891-73: valid, with three leading zeros a number cell drops.
const CPF = '00014089173';
const AS_NUMBER = '14089173';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;E-mail', `00123;${CPF};Maria Souza;Rita Souza;maria@exemplo.com.br`]);
});
afterEach(() => desk.cleanup());

let files = 0;
function importFile(name: string, data: string | Buffer) {
  const path = desk.dir.file(`${++files}-${name}`);
  writeFileSync(path, data);
  return runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}
const importCsv = (lines: readonly string[]) => importFile('correcoes.csv', lines.join('\r\n'));
const stored = () => desk.store.db.prepare("SELECT cpf, email FROM professionals WHERE registration_number = '00123'").get() as { cpf: string; email: string };

describe('a corrections row keyed by a CPF that lost three or more leading zeros', () => {
  it('reaches the record from a CSV cell holding the number', () => {
    const summary = importCsv(['CPF;E-mail', `${AS_NUMBER};maria.nova@exemplo.com.br`]);
    expect(summary).toMatchObject({ errors: [], accepted: 1 });
    expect(stored()).toEqual({ cpf: CPF, email: 'maria.nova@exemplo.com.br' });
  });

  it('reaches the record from an xlsx number cell', () => {
    const summary = importFile('correcoes.xlsx', buildXlsx([['CPF', 'E-mail'], [AS_NUMBER, 'maria.nova@exemplo.com.br']], { numbers: true }));
    expect(summary).toMatchObject({ errors: [], accepted: 1 });
    expect(stored().email).toBe('maria.nova@exemplo.com.br');
  });

  it('still refuses a typed CPF missing digits, and a number that is no CPF padded', () => {
    const typed = importCsv(['CPF;E-mail', '140.891-73;maria.nova@exemplo.com.br']);
    expect(typed.errors).toEqual([expect.objectContaining({ code: 'CPF_INVALID', message: expect.stringMatching(/^CPF incompleto: 140\.891-73 tem 8 dígitos/) })]);
    const typo = importCsv(['CPF;E-mail', '14089174;maria.nova@exemplo.com.br']);
    expect(typo.errors).toEqual([expect.objectContaining({ code: 'CPF_INVALID', message: 'CPF inválido: deve ter 11 dígitos (tem 8).' })]);
    expect(stored().email).toBe('maria@exemplo.com.br');
  });
});

describe('a corrections CPF cell carrying a character that takes no room', () => {
  const looksRight = {
    'a zero-width space': '000.140.891\u200b-73',
    'a no-break space': '\u00a0000.140.891-73\u00a0',
    'a soft hyphen': '000.140\u00ad.891-73',
    'a byte-order mark': '\ufeff00014089173',
    'a word joiner in a number': `140891\u206073`,
  };

  it.each(Object.entries(looksRight))('reaches the record by a CPF key with %s', (_, cell) => {
    const summary = importCsv(['CPF;E-mail', `${cell};maria.nova@exemplo.com.br`]);
    expect(summary).toMatchObject({ errors: [], accepted: 1 });
    expect(stored().email).toBe('maria.nova@exemplo.com.br');
  });

  it('takes a CPF change with a zero-width space as the digits the clerk sees', () => {
    const summary = importCsv(['Registro;CPF;Documento', '00123;529.982\u200b.247-25;Comprovante de inscrição no CPF']);
    expect(summary).toMatchObject({ errors: [], accepted: 1 });
    expect(desk.store.db.prepare("SELECT new_value FROM corrections WHERE field = 'cpf'").pluck().get()).toBe('52998224725');
  });

  it('still refuses a letter in the CPF', () => {
    const summary = importCsv(['CPF;E-mail', '000.140.891-7O;maria.nova@exemplo.com.br']);
    expect(summary.errors).toEqual([expect.objectContaining({ code: 'CPF_INVALID', message: 'CPF inválido: use apenas números, pontos e hífen.' })]);
  });
});
