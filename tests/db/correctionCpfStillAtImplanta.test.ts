// A CPF correction saved at the desk (the form, `cress-desk correct`) may not give a record the CPF
// Implanta still knows another record by: that record's own CPF correction is on its way, and
// until Implanta applies it every lote names her by the old CPF.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { addProfessional, answerOne, correct, openBatchDesk, sendBatch, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const [OLD, NEW] = [validCpf(74001), validCpf(74002)];

let desk: BatchDesk;
let ana: Professional;
let bia: Professional;
let cpfFix: string;

beforeEach(() => {
  desk = openBatchDesk();
  ana = addProfessional(desk.store, { registrationNumber: '74001', cpf: OLD, name: 'Ana Prado' });
  bia = addProfessional(desk.store, { registrationNumber: '74002', cpf: validCpf(74003), name: 'Bia Lima' });
  cpfFix = correct(desk, ana, { cpf: NEW }, { dipAcknowledged: true }).corrections[0]!.uuid;
});
afterEach(() => desk.cleanup());

describe('a CPF correction giving a record the CPF Implanta still knows another record by', () => {
  it('is refused while that record’s CPF correction is sent, naming the record', async () => {
    await sendBatch(desk);
    expect(() => correct(desk, bia, { cpf: OLD }, { dipAcknowledged: true })).toThrow(
      expect.objectContaining({ code: 'CPF_DUPLICATE', message: expect.stringMatching(/ainda é o CPF do registro 74001 para a Implanta: a correção do CPF desse cadastro ainda não foi confirmada.*lote 2026-0001/) }),
    );
    expect(desk.store.db.prepare('SELECT count(*) FROM corrections WHERE professional_id = ?').pluck().get(bia.id)).toBe(0);
  });

  it('is refused while it is pending, saying it may be cancelled', () => {
    expect(() => correct(desk, bia, { cpf: OLD }, { dipAcknowledged: true })).toThrow(/registro 74001 para a Implanta.*cancele-a em Correções/);
  });

  it('is saved once Implanta applied that correction', async () => {
    const sent = await sendBatch(desk);
    await answerOne(desk, sent, cpfFix, 'applied');
    expect(correct(desk, bia, { cpf: OLD }, { dipAcknowledged: true }).corrections.map((c) => c.field)).toEqual(['cpf']);
  });
});
