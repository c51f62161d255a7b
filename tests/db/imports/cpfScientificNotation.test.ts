// Excel saves a CPF column held as numbers in scientific notation when the column is narrow; with
// enough width it keeps every digit (1,7333421848E+10). The corrections import and the registry load
// refuse the cell either way (the CPF is typed again as text), and say digits were lost only when
// they were.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;E-mail', '00123;17333421848;Maria Souza;Rita Souza;maria@exemplo.com.br']);
});
afterEach(() => desk.cleanup());

function importCsv(name: string, lines: readonly string[]) {
  const path = desk.dir.file(name);
  writeFileSync(path, lines.join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

describe('a corrections CPF key in scientific notation', () => {
  it.each([
    ['decimal comma', '1,7333421848E+10'],
    ['decimal point', '1.7333421848E+10'],
  ])('with all 11 digits and a %s is refused as written in scientific notation', (_, cell) => {
    const summary = importCsv('correcoes.csv', ['CPF;E-mail', `"${cell}";maria.nova@exemplo.com.br`]);
    expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
    expect(summary.errors).toEqual([expect.objectContaining({ row: 2, column: 'CPF', code: 'CPF_INVALID' })]);
    const message = summary.errors[0]?.message ?? '';
    expect(message).toMatch(/^CPF em notação científica \(1[,.]7333421848E\+10\)/);
    expect(message).toMatch(/Formate a coluna como Texto e digite o CPF de novo\.$/);
    expect(message).not.toMatch(/perdeu dígitos/);
  });

  it('with digits missing still says they were lost', () => {
    const summary = importCsv('correcoes-curto.csv', ['CPF;E-mail', '"1,73334E+10";maria.nova@exemplo.com.br']);
    expect(summary.errors[0]?.message).toMatch(/^CPF em notação científica \(1,73334E\+10\): a planilha guardou o CPF como número e perdeu dígitos\./);
  });
});

describe('a registry CPF in scientific notation', () => {
  it.each([
    ['decimal comma', '1,7333421848E+10'],
    ['decimal point', '1.7333421848E+10'],
  ])('with all 11 digits and a %s is refused as written in scientific notation, not as having lost digits', (_, cell) => {
    const summary = loadRegistry(desk, ['Registro;CPF;Nome', `00124;"${cell}";Rita Prado`]);
    expect(summary).toMatchObject({ rejected: 1 });
    expect(summary.errors).toEqual([expect.objectContaining({ row: 2, column: 'CPF', code: 'CPF_INVALID' })]);
    expect(summary.errors[0]?.message).toBe(
      `CPF em notação científica (${cell}): a planilha guardou o CPF como número, e um CPF escrito assim não é aceito, mesmo com todos os dígitos. Formate a coluna como Texto e digite o CPF de novo.`,
    );
  });

  it('with digits missing still says they were lost', () => {
    const summary = loadRegistry(desk, ['Registro;CPF;Nome', '00124;"1,73334E+10";Rita Prado']);
    expect(summary.errors[0]?.message).toBe('CPF em notação científica (1,73334E+10): a planilha guardou o CPF como número e perdeu dígitos. Formate a coluna como Texto e digite o CPF de novo.');
  });
});
