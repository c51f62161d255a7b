// A corrections file brought to the command line has no step where the clerk associates columns:
// the desk reads them by their headers. A column it does not know must not pass unseen, a file
// whose known columns only say whose the row is corrects nothing, and two columns naming one field
// leave the desk to guess which one holds it — each is said, naming the columns. A registration
// number Excel stripped of its leading zeros (the Pendências worklist saved again), or one the desk
// holds stripped while the file writes it whole, is named as such,
// and a dates column written month first (an English Excel's export) is not guessed.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';
import { buildXlsx } from '../../fixtures/imports/zipWriter';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;E-mail;UF', `00123;${validCpf(123)};Maria Souza;Rita Souza;maria@exemplo.com.br;SP`]);
});
afterEach(() => desk.cleanup());

let files = 0;
function importCorrections(lines: readonly string[], options: { mapping?: (string | null)[] } = {}) {
  const path = desk.dir.file(`correcoes-${++files}.csv`);
  writeFileSync(path, lines.join('\r\n'));
  const input = importInput(path, { kind: 'corrections', ...(options.mapping ? { mapping: options.mapping as never } : {}) });
  return runImport(input, jobContext(desk.store.path, { now: desk.now().toISOString() }));
}
const corrections = () => (desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get() as { n: number }).n;
const imports = () => (desk.store.db.prepare("SELECT count(*) AS n FROM imports WHERE kind = 'corrections'").get() as { n: number }).n;

describe('the columns of a corrections file read by their headers', () => {
  it('lists the columns it did not read, beside those it did', () => {
    const summary = importCorrections(['Registro;E-mail;E-mail novo;Documento;Erros', '00123;maria.souza@gmail.com;outra@exemplo.com;RG;']);
    expect(summary).toMatchObject({ accepted: 1, unread: ['E-mail novo'] });
  });

  it('refuses a file whose known columns only say whose each row is, naming the others, and records nothing', () => {
    expect(() => importCorrections(['Registro;E-mail novo;Novo CEP', '00123;maria.souza@gmail.com;01001-000'])).toThrow(
      /nenhuma coluna de campo a corrigir.*as colunas “E-mail novo”, “Novo CEP” não têm o nome de um campo.*Nada foi importado/,
    );
    expect(() => importCorrections(['CPF;Motivo', `${validCpf(123)};Atualização`])).toThrow(/nenhuma coluna de campo a corrigir/);
    expect([corrections(), imports()]).toEqual([0, 0]);
  });

  it('refuses two columns naming one field, naming both and where they are', () => {
    expect(() => importCorrections(['Registro;UF;RG;UF;CEP', '00123;RJ;123;SP;01001-000'])).toThrow(/As colunas “UF” \(B\) e “UF” \(D\) trazem o mesmo campo \(UF\)/);
    expect(() => importCorrections(['Registro;E-mail;Observações;Email', '00123;a1@exemplo.com;;a2@exemplo.com'])).toThrow(/“E-mail” \(B\) e “Email” \(D\)/);
    expect(corrections()).toBe(0);
  });

  it('takes the columns the clerk associated in the window as they are: she chose which one counts', () => {
    const summary = importCorrections(['Registro;E-mail;Email;Documento', '00123;maria.souza@gmail.com;outra@exemplo.com;RG'], { mapping: ['registrationNumber', 'email', null, 'evidence'] });
    expect(summary).toMatchObject({ accepted: 1 });
  });

  it('reads a template’s “(obrigatório)” and “*” as the column’s own name', () => {
    const summary = importCorrections(['Registro *;E-mail;Documento (obrigatório)', '00123;maria.souza@gmail.com;RG 12.345.678-9']);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0, unread: [] });
    // A field named in the feminine takes "(obrigatória)".
    const feminine = importCorrections(['Registro;Data de nascimento (obrigatória);UF (opcional);Documento', '00123;17/05/1980;SP;Certidão']);
    expect(feminine).toMatchObject({ unread: [], rejected: 0 });
  });

  it('names the registration number Excel stripped of its leading zeros', () => {
    const summary = importCorrections(['Registro;E-mail;Documento', '123;maria.souza@gmail.com;RG', '999;x@exemplo.com;RG']);
    expect(summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Registro', 'PROFESSIONAL_NOT_FOUND'],
      [3, 'Registro', 'PROFESSIONAL_NOT_FOUND'],
    ]);
    expect(summary.errors[0]?.message).toMatch(/^Nenhum cadastro com o registro 123\. O registro 123 da planilha é o 00123 sem os zeros à esquerda.*\.xlsx que o CRESS Desk exporta/);
    expect(summary.errors[1]?.message).toBe('Nenhum cadastro com o registro 999.');
  });

  it('names the record whose number lost its zeros on this desk, without correcting it by the file', () => {
    loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;E-mail;UF', `1002;${validCpf(1002)};Rosa Lima;Ana Lima;rosa@exemplo.com.br;SP`]);
    const summary = importCorrections(['Registro;E-mail;Documento', '01002;rosa.lima@gmail.com;RG']);
    expect(summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'Registro', 'PROFESSIONAL_NOT_FOUND']]);
    expect(summary.errors[0]?.message).toMatch(/^Nenhum cadastro com o registro 01002\. O cadastro 1002 desta mesa parece ser o 01002 da planilha sem os zeros/);
    const email = desk.store.db.prepare("SELECT email FROM professionals WHERE registration_number = '1002'").pluck().get();
    expect(email).toBe('rosa@exemplo.com.br');
  });

  it('gives back the leading zero a number cell took from a new CPF, as it does for the CPF that finds the record', () => {
    const path = desk.dir.file('cpf-numero.xlsx');
    const cpf = validCpf(55_555_557);
    expect(cpf.startsWith('0')).toBe(true);
    writeFileSync(path, buildXlsx([['Registro', 'CPF', 'Documento'], ['00123', cpf.replace(/^0+/, ''), 'Comprovante de inscrição no CPF']], { numbers: true }));
    const summary = runImport(importInput(path, { kind: 'corrections', force: true }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(summary.errors).toEqual([]);
    expect(desk.store.db.prepare("SELECT new_value FROM corrections WHERE field = 'cpf'").pluck().get()).toBe(cpf);
  });

  it('finds the record by a registration number carrying a character that takes no room', () => {
    expect(importCorrections(['Registro;E-mail', '00123\u200b;maria.nova@exemplo.com.br'])).toMatchObject({ errors: [], accepted: 1 });
    expect(importCorrections(['Registro;Telefone', '\u2060 00123;(11) 98888-7777'])).toMatchObject({ errors: [], accepted: 1 });
    expect(desk.store.db.prepare("SELECT email FROM professionals WHERE registration_number = '00123'").pluck().get()).toBe('maria.nova@exemplo.com.br');
  });

  it('names the title read as the header and the row below that holds the columns\' names', () => {
    expect(() => importCorrections(['Correções de março;;', ';;', 'Registro;Complemento;Motivo', '00123;Casa 2;Mudança'])).toThrow(
      /^A linha 1 \(“Correções de março”\) foi lida como o cabeçalho, .*na linha 3 \(“Registro”, “Complemento”, “Motivo”\)\. Apague as linhas acima do cabeçalho/,
    );
    expect(corrections()).toBe(0);
  });

  it('refuses the dates a month-first column may hold swapped, naming the cell that shows the order; nothing of them is written', () => {
    loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;Data de nascimento', `00777;${validCpf(777)};Joana Dias;Rita Dias;11/07/1975`, `00778;${validCpf(778)};Lia Prado;Ana Prado;01/01/1980`]);
    const summary = importCorrections([
      'Registro;Data de nascimento;Documento',
      '00777;7/10/1975;Certidão de nascimento',
      '00123;4/22/1955;Certidão de nascimento',
      '00778;13/05/1980;Certidão de nascimento',
    ]);
    expect(summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Data de nascimento', 'DATE_INVALID'],
      [3, 'Data de nascimento', 'DATE_INVALID'],
    ]);
    expect(summary.errors[0]?.message).toBe(
      'Data ambígua: a coluna “Data de nascimento” está na ordem mês/dia/ano (linha 3: 4/22/1955), e 7/10/1975 pode ter dia e mês trocados. Escreva as datas da coluna em dd/mm/aaaa (ou formate-a como data) e importe de novo.',
    );
    expect(summary.errors[1]?.message).toMatch(/ordem mês\/dia\/ano/);
    // A day over 12 is a day whichever way the column goes: that row goes in.
    expect(summary).toMatchObject({ accepted: 1, rejected: 2 });
    const birth = desk.store.db.prepare("SELECT birth_date FROM professionals WHERE registration_number = '00777'").pluck().get();
    expect(birth).toBe('1975-07-11');
  });

  it('reads day-first dates as always when no cell shows the month-first order', () => {
    loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;Data de nascimento', `00777;${validCpf(777)};Joana Dias;Rita Dias;11/07/1975`]);
    expect(importCorrections(['Registro;Data de nascimento;Documento', '00777;7/10/1975;Certidão de nascimento'])).toMatchObject({ accepted: 1, rejected: 0 });
  });
});

describe('a registry load whose dates column is month first', () => {
  it('refuses the rows whose day and month may be swapped, and loads the others', () => {
    const summary = loadRegistry(desk, [
      'Registro;CPF;Nome;Nome da mãe;Data de nascimento',
      `00777;${validCpf(777)};Joana Dias;Rita Dias;3/9/1980`,
      `00778;${validCpf(778)};Lia Prado;Ana Prado;4/22/1955`,
    ]);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[2, 'DATE_INVALID']]);
    expect(summary.errors[0]?.message).toMatch(/^Data ambígua: a coluna “Data de nascimento” está na ordem mês\/dia\/ano \(linha 3: 4\/22\/1955\)/);
    expect(desk.store.db.prepare("SELECT count(*) FROM professionals WHERE registration_number = '00777'").pluck().get()).toBe(0);
  });
});
