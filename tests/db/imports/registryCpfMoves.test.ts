// The main system gives a CPF to another record: a CPF typed on the wrong record and fixed there, two
// records whose CPFs were swapped. The store holds one record per CPF, so a row naming a CPF another
// record still holds is refused, and its message says where that record stands in this file: its
// row gave it this CPF, its row kept it this CPF, or its row is still to come.
import { describe, expect, it } from 'vitest';
import { historyOf } from '../../../db/recordHistory';
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
/** The CPF changes the loads wrote into the record's history, oldest first. */
const cpfHistory = (key: string) =>
  historyOf(desk.store.db, (findProfessional(desk.store.db, key) as Professional).id)
    .filter((h) => h.kind === 'registry_load' && h.field === 'cpf')
    .reverse()
    .map((h) => [h.oldValue, h.newValue]);
const [A, B, C] = [validCpf(61001), validCpf(61002), validCpf(61003)];

describe('a CPF that moved to another record', () => {
  it('swapped between two records: both rows load, each record with the other\'s CPF and its history', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61001;${B};Ana Prado;Rosa Prado`, `61002;${A};Bia Lima;Vera Lima`]);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0, errors: [] });
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([B, A]);
    expect(cpfHistory('61001')).toEqual([[A, B]]);
    expect(cpfHistory('61002')).toEqual([[B, A]]);
  });

  it('turned round three records: all three rows load', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`, `61003;${C};Cida Reis;Lia Reis`]);
    const summary = load([`61001;${B};Ana Prado;Rosa Prado`, `61002;${C};Bia Lima;Vera Lima`, `61003;${A};Cida Reis;Lia Reis`]);
    expect(summary).toMatchObject({ accepted: 3, rejected: 0, errors: [] });
    expect([cpfOf('61001'), cpfOf('61002'), cpfOf('61003')]).toEqual([B, C, A]);
    expect(cpfHistory('61003')).toEqual([[C, A]]);
  });

  it('turned round three records, listed in any order: all three rows load', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`, `61003;${C};Cida Reis;Lia Reis`]);
    const summary = load([`61003;${A};Cida Reis;Lia Reis`, `61002;${C};Bia Lima;Vera Lima`, `61001;${B};Ana Prado;Rosa Prado`]);
    expect(summary).toMatchObject({ accepted: 3, rejected: 0, errors: [] });
    expect([cpfOf('61001'), cpfOf('61002'), cpfOf('61003')]).toEqual([B, C, A]);
    expect(cpfHistory('61001')).toEqual([[A, B]]);
  });

  it('a preview of a swap says both rows load and changes nothing', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61001;${B};Ana Prado;Rosa Prado`, `61002;${A};Bia Lima;Vera Lima`], { dryRun: true });
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([A, B]);
  });

  it('given to a record whose own row keeps it: still refused, and nobody loses a CPF', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61002;${A};Bia Lima;Vera Lima`, `61001;${A};Ana Prado;Rosa Prado`]);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[2, 'CPF_DUPLICATE']]);
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([A, B]);
  });

  it('two records ending with the same CPF: the second is refused', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61001;${C};Ana Prado;Rosa Prado`, `61002;${C};Bia Lima;Vera Lima`]);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[3, 'CPF_DUPLICATE']]);
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([C, B]);
  });

  it('swapped, but the other record\'s row is refused for another reason: the load is refused whole and says which rows', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    expect(() => load([`61001;${B};Ana Prado;Rosa Prado`, `61002;${A};Outra Pessoa;Vera Lima`])).toThrow(/linha 3.*registro 61002/);
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([A, B]);
  });

  it('taken by a row above the one that gives its record another CPF: both rows load', () => {
    load([`61001;${A};Ana Prado;Rosa Prado`, `61002;${B};Bia Lima;Vera Lima`]);
    const summary = load([`61002;${A};Bia Lima;Vera Lima`, `61001;${C};Ana Prado;Rosa Prado`]);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect([cpfOf('61001'), cpfOf('61002')]).toEqual([C, A]);
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
