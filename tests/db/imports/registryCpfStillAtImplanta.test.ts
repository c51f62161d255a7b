// A CPF correction tells Implanta to find the professional by her old CPF. Until Implanta applies
// it, every lote names her by that old CPF (`previousCpf`), so a registry load must not give it to
// another record meanwhile: the next lote would name two people by one CPF. The row is refused, as
// a CPF another record holds is; once Implanta applied the correction, the old CPF is free.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { formatCpf } from '../../../shared/rules/cpf';
import { addProfessional, answerOne, correct, loadRegistry, openBatchDesk, sendBatch, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const HEADER = 'Registro;CPF;Nome;Data de nascimento';
const [OLD, NEW, BIA] = [validCpf(72001), validCpf(72002), validCpf(72003)];

let desk: BatchDesk;
let ana: Professional;
let bia: Professional;
let cpfFix: string;

beforeEach(() => {
  desk = openBatchDesk();
  ana = addProfessional(desk.store, { registrationNumber: '72001', cpf: OLD, name: 'Ana Prado', birthDate: '1980-02-03' });
  bia = addProfessional(desk.store, { registrationNumber: '72002', cpf: BIA, name: 'Bia Lima', birthDate: '1991-07-28' });
  cpfFix = correct(desk, ana, { cpf: NEW }, { dipAcknowledged: true }).corrections[0]!.uuid;
});
afterEach(() => desk.cleanup());

const cpfOf = (registration: string) => (findProfessional(desk.store.db, registration) as Professional).cpf;
/** Bia's row giving her Ana's old CPF, as the main system may send it. */
const biaWithOld = `72002;${formatCpf(OLD)};Bia Lima;28/07/1991`;

describe('a registry load giving a record the CPF Implanta still knows another record by', () => {
  it('refuses the row while that record’s CPF correction is sent, naming the row, the column and the record', async () => {
    await sendBatch(desk);
    const summary = loadRegistry(desk, [HEADER, biaWithOld]);
    expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
    expect(summary.errors).toHaveLength(1);
    const [error] = summary.errors;
    expect(error).toMatchObject({ row: 2, column: 'CPF', code: 'CPF_DUPLICATE' });
    expect(error?.message).toMatch(/^Linha 2, coluna “CPF”: /);
    expect(error?.message).toMatch(/ainda é o CPF do registro 72001 para a Implanta: a correção do CPF desse cadastro ainda não foi confirmada/);
    expect(error?.message).toMatch(/lote 2026-0001/);
    expect(cpfOf('72002')).toBe(BIA);
  });

  it('refuses it too while the correction is still on the desk, saying it may be cancelled', () => {
    const summary = loadRegistry(desk, [HEADER, biaWithOld]);
    expect(summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'CPF', 'CPF_DUPLICATE']]);
    expect(summary.errors[0]?.message).toMatch(/registro 72001 para a Implanta.*cancele-a em Correções/);
    expect(cpfOf('72002')).toBe(BIA);
  });

  it('refuses a new record with that CPF', async () => {
    await sendBatch(desk);
    const summary = loadRegistry(desk, [HEADER, `72009;${OLD};Cida Reis;01/01/1970`]);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[2, 'CPF_DUPLICATE']]);
    expect(summary.errors[0]?.message).toMatch(/registro 72001 para a Implanta/);
    expect(findProfessional(desk.store.db, '72009')).toBeNull();
  });

  it('still loads the corrected record’s own row with its old CPF (the main system has not caught up)', async () => {
    await sendBatch(desk);
    const summary = loadRegistry(desk, [HEADER, `72001;${OLD};Ana Prado;03/02/1980`]);
    expect(summary).toMatchObject({ rejected: 0, errors: [] });
    expect(cpfOf('72001')).toBe(NEW);
  });

  it('loads the row once Implanta applied the correction: the old CPF is free', async () => {
    const sent = await sendBatch(desk);
    await answerOne(desk, sent, cpfFix, 'applied');
    const summary = loadRegistry(desk, [HEADER, biaWithOld]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0, errors: [] });
    expect([cpfOf('72001'), cpfOf('72002')]).toEqual([NEW, OLD]);
  });

  it('once Implanta rejected the correction, the record has its CPF back and the row is refused as for any CPF it holds', async () => {
    const sent = await sendBatch(desk);
    await answerOne(desk, sent, cpfFix, { rejected: 'CPF não confere com a Receita' });
    expect(cpfOf('72001')).toBe(OLD);
    const summary = loadRegistry(desk, [HEADER, biaWithOld]);
    expect(summary.errors.map((e) => e.message)).toEqual(['Este CPF já pertence a outro cadastro (registro 72001). Confira o documento.']);
  });

  it('once the clerk cancelled the correction, the same', () => {
    desk.handlers['corrections:cancel']({ uuid: cpfFix, reason: 'CPF digitado errado' });
    const summary = loadRegistry(desk, [HEADER, biaWithOld]);
    expect(summary.errors.map((e) => e.message)).toEqual(['Este CPF já pertence a outro cadastro (registro 72001). Confira o documento.']);
    expect(bia.cpf).toBe(cpfOf('72002'));
  });
});
