// Taking the main system's value over a correction already out of the desk's hands (its lote
// sealed) queues a new correction for Implanta: that value must pass the rules of a correction saved
// at the desk (planCorrection), or the choice is refused with the rule's code. Taking it over a
// correction still on the desk queues nothing — the record holds the main system's value as a load
// would, with its pendências — and stays allowed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { correct, loadRegistry, openBatchDesk, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const CPF = validCpf(1001);
const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail;CEP;Logradouro;Município;UF';
const row = (email: string, cep: string) => `1001;${CPF};Maria Souza;Rita Souza;${email};${cep};Avenida Paulista;São Paulo;SP`;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, row('maria@exemplo.com.br', '01310-100')]);
  correct(desk, findProfessional(desk.store.db, '1001') as Professional, { email: 'maria.silva@gmail.com', cep: '01311000' });
});
afterEach(() => desk.cleanup());

const maria = () => findProfessional(desk.store.db, '1001') as Professional;
const corrections = () => desk.store.db.prepare('SELECT field, new_value AS new, status, source FROM corrections ORDER BY id').all();
const takeFile = (id: number) => desk.handlers['registry:resolveConflict']({ id, choice: 'file', reason: 'O sistema do Regional está certo' }) as { message: string; newCorrection: string | null; cancelledCorrection: string | null };

function refusal(run: () => unknown): { code: string; message: string; field?: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string; field?: string };
  }
  throw new Error('expected a refusal');
}

async function sealLote(): Promise<void> {
  const lote = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: lote.id });
}

function conflictOf(summary: { conflicts: { id: number | null; field: string }[] }, field: string): number {
  return summary.conflicts.find((c) => c.field === field)!.id as number;
}

describe('taking the file’s value when that queues a correction for Implanta', () => {
  it('refuses an e-mail the desk’s rules refuse (EMAIL_INVALID), naming the field; nothing queued', async () => {
    await sealLote();
    const summary = loadRegistry(desk, [HEADER, row('maria silva@gmail', '01311-000')]);
    const refused = refusal(() => takeFile(conflictOf(summary, 'email')));
    expect(refused.code).toBe('EMAIL_INVALID');
    expect(refused.field).toBe('email');
    expect(refused.message).toMatch(/E-mail de Maria Souza \(registro 1001\)/);
    expect(refused.message).toMatch(/maria silva@gmail/);
    expect(refused.message).toMatch(/Manter/);
    expect(refused.message).toMatch(/sistema do Regional/);
    expect(corrections()).toEqual([expect.objectContaining({ field: 'email', status: 'batched' }), expect.objectContaining({ field: 'cep', status: 'batched' })]);
    expect(maria().email).toBe('maria.silva@gmail.com');
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM registry_conflicts WHERE resolved_at IS NULL').get()).toEqual({ n: 1 });
  });

  it('refuses a CEP outside the record’s UF (CEP_UF_MISMATCH); nothing queued', async () => {
    await sealLote();
    const summary = loadRegistry(desk, [HEADER, row('maria.silva@gmail.com', '99999-999')]);
    const refused = refusal(() => takeFile(conflictOf(summary, 'cep')));
    expect(refused.code).toBe('CEP_UF_MISMATCH');
    expect(refused.field).toBe('cep');
    expect(refused.message).toMatch(/CEP de Maria Souza \(registro 1001\)/);
    expect(refused.message).toMatch(/não pertence à UF SP/);
    expect(corrections()).toHaveLength(2);
    expect(maria().cep).toBe('01311000');
  });

  it('still queues a value the rules accept', async () => {
    await sealLote();
    const summary = loadRegistry(desk, [HEADER, row('msilva@uol.com.br', '01311-000')]);
    expect(takeFile(conflictOf(summary, 'email')).newCorrection).not.toBeNull();
    expect(corrections()).toEqual(expect.arrayContaining([{ field: 'email', new: 'msilva@uol.com.br', status: 'pending', source: 'conflict' }]));
  });
});

describe('taking the file’s value over a correction still on the desk (nothing queued)', () => {
  it('takes an invalid e-mail as a load would: the correction is cancelled, the record flags it', () => {
    const summary = loadRegistry(desk, [HEADER, row('maria silva@gmail', '01311-000')]);
    const result = takeFile(conflictOf(summary, 'email'));
    expect(result.newCorrection).toBeNull();
    expect(result.cancelledCorrection).not.toBeNull();
    expect(maria().email).toBe('maria silva@gmail');
    expect(corrections()).toEqual([expect.objectContaining({ field: 'email', status: 'cancelled' }), expect.objectContaining({ field: 'cep', status: 'pending' })]);
  });
});
