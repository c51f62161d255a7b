// The main system gives a CPF to another record: a CPF typed on the wrong record and fixed there, two
// records whose CPFs were swapped. The store holds one record per CPF, so a row naming a CPF another
// record still holds is refused, and its message says where that record stands in this file: its
// row gave it this CPF, its row kept it this CPF, or its row is still to come.
import { describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';
import { registryLoader } from './registryLoads';

const HEADER = 'Registro;CPF;Nome;Nome da mãe';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

/** A registry load of these rows (after the header above), as the council's main system exports it. */
const load = registryLoader(() => desk, HEADER);

const cpfOf = (key: string) => (findProfessional(desk.store.db, key) as Professional).cpf;
const [A, B, C] = [validCpf(61001), validCpf(61002), validCpf(61003)];

describe('a CPF that moved to another record', () => {
  it('swapped between two records: the second row does not claim the first row gave the CPF away', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61001;${B};Ana Prado;Rosa Prado`, `61002;${A};Bia Lima;Vera Lima`]);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'CPF_DUPLICATE'],
      [3, 'CPF_DUPLICATE'],
    ]);
    expect(summary.errors[1]?.message).not.toMatch(/já aparece na linha 2/);
    expect(summary.errors[1]?.message).toMatch(/pertence ao cadastro do registro 61001, que continua com ele: a linha 2 desta planilha, desse registro, não o tirou dele/);
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([A, B]);
  });

  it('taken by a row above the one that gives its record another CPF: the message says to import the row again afterwards', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61002;${A};Bia Lima;Vera Lima`, `61001;${C};Ana Prado;Rosa Prado`]);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[2, 'CPF_DUPLICATE']]);
    expect(summary.errors[0]?.message).toMatch(/já pertence a outro cadastro \(registro 61001\).*Se uma linha abaixo nesta planilha der outro CPF ao registro 61001, importe esta linha de novo/);
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([C, B]);
    // Imported again, the row goes in.
    expect(load([`61002;${A};Bia Lima;Vera Lima`])).toMatchObject({ accepted: 1, rejected: 0 });
    expect(cpfOf('61002')).toBe(A);
  });

  it('a row without a CPF cell does not give its record the CPF it keeps', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61001;;Ana Prado;Rosa Prado`, `61002;${A};Bia Lima;Vera Lima`]);
    expect(summary.errors[0]?.message).toMatch(/continua com ele: a linha 2 desta planilha/);
  });

  it('taken by a row of this file: the message names that row', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`]);
    const summary = load([`61003;${C};Cida Reis;Lia Reis`, `61004;${C};Dora Reis;Lia Reis`]);
    expect(summary.errors[0]?.message).toMatch(/já aparece na linha 2 desta planilha \(registro 61003\)/);
  });
});
