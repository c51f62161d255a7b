// A CPF correction tells Implanta to find the professional by her old CPF: until Implanta applies
// it, that CPF is still hers there. A corrections file giving it to another record meanwhile is
// refused on that row — also when an earlier row of the same file made the correction — and goes
// in once Implanta applied the correction.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { formatCpf } from '../../../shared/rules/cpf';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, answerOne, correct, openBatchDesk, sendBatch, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const HEADER = 'Registro;CPF;Motivo;Documento';
const [OLD, NEW, BIA, CIDA] = [validCpf(73001), validCpf(73002), validCpf(73003), validCpf(73004)];

let desk: BatchDesk;
let ana: Professional;
let files = 0;

beforeEach(() => {
  desk = openBatchDesk();
  ana = addProfessional(desk.store, { registrationNumber: '73001', cpf: OLD, name: 'Ana Prado' });
  addProfessional(desk.store, { registrationNumber: '73002', cpf: BIA, name: 'Bia Lima' });
  addProfessional(desk.store, { registrationNumber: '73003', cpf: CIDA, name: 'Cida Reis' });
});
afterEach(() => desk.cleanup());

function importRows(rows: string[], options: { dryRun?: boolean } = {}) {
  const path = desk.dir.file(`correcoes-${++files}.csv`);
  writeFileSync(path, [HEADER, ...rows].join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections', ...options }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

const cpfOf = (registration: string) => (findProfessional(desk.store.db, registration) as Professional).cpf;
const biaWithOld = `73002;${formatCpf(OLD)};CPF errado no cadastro;CPF original`;

describe('a corrections row giving a record the CPF Implanta still knows another record by', () => {
  it('is refused while that record’s CPF correction is sent, naming the row, the column and the record', async () => {
    correct(desk, ana, { cpf: NEW }, { dipAcknowledged: true });
    await sendBatch(desk);
    const summary = importRows([biaWithOld]);
    expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
    expect(summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'CPF', 'CPF_DUPLICATE']]);
    expect(summary.errors[0]?.message).toMatch(/^Linha 2, coluna “CPF”: .*ainda é o CPF do registro 73001 para a Implanta: a correção do CPF desse cadastro ainda não foi confirmada/);
    expect(cpfOf('73002')).toBe(BIA);
  });

  it('is refused when an earlier row of the same file corrected that CPF away', () => {
    const summary = importRows([`73001;${NEW};CPF errado no cadastro;CPF original`, biaWithOld]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[3, 'CPF_DUPLICATE']]);
    expect(summary.errors[0]?.message).toMatch(/registro 73001 para a Implanta/);
    expect([cpfOf('73001'), cpfOf('73002')]).toEqual([NEW, BIA]);
  });

  it('a preview says the same', () => {
    const summary = importRows([`73001;${NEW};CPF errado no cadastro;CPF original`, biaWithOld], { dryRun: true });
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([[3, 'CPF_DUPLICATE']]);
    expect(cpfOf('73001')).toBe(OLD);
  });

  it('goes in once Implanta applied the correction: the old CPF is free', async () => {
    const uuid = correct(desk, ana, { cpf: NEW }, { dipAcknowledged: true }).corrections[0]!.uuid;
    const sent = await sendBatch(desk);
    await answerOne(desk, sent, uuid, 'applied');
    expect(importRows([biaWithOld])).toMatchObject({ accepted: 1, rejected: 0, errors: [] });
    expect(cpfOf('73002')).toBe(OLD);
  });

  it('a CPF no correction on its way left still goes in', () => {
    correct(desk, ana, { cpf: NEW }, { dipAcknowledged: true });
    expect(importRows([`73003;${validCpf(73009)};CPF errado no cadastro;CPF original`])).toMatchObject({ accepted: 1, errors: [] });
  });
});
