// The council's spreadsheets come from its main system, which knows a professional by her CPF until
// it takes the desk's correction of it: a corrections file keyed by CPF names her by the old one
// while the desk's CPF correction is on its way to Implanta, or after Implanta applied it. The row
// is hers, not a CPF no record has.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { formatCpf } from '../../../shared/rules/cpf';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, correct, openBatchDesk, sendBatch, writeAck, importAck, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const OLD = validCpf(71001);
const NEW = validCpf(71002);

let desk: BatchDesk;
let maria: Professional;
let cpfFix: string;
let files = 0;

beforeEach(() => {
  desk = openBatchDesk();
  maria = addProfessional(desk.store, { registrationNumber: '71001', cpf: OLD, name: 'Maria Souza' });
  cpfFix = correct(desk, maria, { cpf: NEW }, { dipAcknowledged: true }).corrections[0]!.uuid;
});
afterEach(() => desk.cleanup());

function importRows(rows: string[]) {
  const path = desk.dir.file(`correcoes-${++files}.csv`);
  writeFileSync(path, ['CPF;E-mail;Motivo', ...rows].join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

const current = () => findProfessional(desk.store.db, '71001') as Professional;

describe('a corrections row keyed by the CPF the main system still knows', () => {
  it('while the desk’s CPF correction is on its way, reaches the professional', () => {
    const summary = importRows([`${formatCpf(OLD)};maria.souza@exemplo.com.br;E-mail informado pela profissional`]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    expect(current()).toMatchObject({ cpf: NEW, email: 'maria.souza@exemplo.com.br' });
  });

  it('after Implanta applied the CPF correction, still reaches her', async () => {
    const { batch, sha256 } = await sendBatch(desk);
    await importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 1, batch: batch.uuid, packageSha256: sha256, items: [{ id: cpfFix, status: 'applied' }] }));
    expect(importRows([`${OLD};maria.souza@exemplo.com.br;E-mail informado pela profissional`])).toMatchObject({ accepted: 1 });
    expect(current().email).toBe('maria.souza@exemplo.com.br');
  });

  it('once the CPF correction was cancelled, the old CPF is hers again', () => {
    desk.handlers['corrections:cancel']({ uuid: cpfFix, reason: 'CPF digitado errado' });
    expect(importRows([`${OLD};maria.souza@exemplo.com.br;E-mail informado pela profissional`])).toMatchObject({ accepted: 1 });
    expect(current()).toMatchObject({ cpf: OLD, email: 'maria.souza@exemplo.com.br' });
  });

  it('a CPF no record has, now or before, is still not found', () => {
    const summary = importRows([`${formatCpf(validCpf(71009))};x@exemplo.com.br;E-mail informado pela profissional`]);
    expect(summary.errors.map((e) => e.code)).toEqual(['PROFESSIONAL_NOT_FOUND']);
  });
});
