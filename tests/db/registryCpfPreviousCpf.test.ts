// A registry load that gives a professional a new CPF: Implanta still knows her by the old one,
// so every lote names her by the new CPF with the old one as previousCpf until Implanta has
// applied an item of hers sent under the new one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { correct, importAck, loadRegistry, openBatchDesk, packageLines, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
const OLD = validCpf(40001);
const NEW = validCpf(40077);
const row = (cpf: string, email: string) => `40001;${cpf};Maria Souza;Rita Souza;${email}`;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, row(OLD, 'maria@exemplo.com.br')]);
});
afterEach(() => desk.cleanup());

const stem = (path: string) => (path.split('/').pop() as string).replace(/\.zip$/, '');
const maria = () => findProfessional(desk.store.db, '40001') as Professional;

async function sendAndApply(email: string): Promise<Record<string, unknown>[]> {
  const uuid = correct(desk, maria(), { email }).corrections[0]?.uuid as string;
  const sent = await sendBatch(desk);
  const lines = packageLines(sent.path, stem(sent.path), 'corrections.jsonl');
  await importAck(desk, writeAck(desk, 'r.json', { schemaVersion: 2, batch: sent.batch.uuid, packageSha256: sent.sha256, items: [{ id: uuid, status: 'applied' }] }));
  return lines;
}

describe('a CPF changed by a registry load', () => {
  it('goes to Implanta as previousCpf until an item under the new CPF is applied', async () => {
    expect(await sendAndApply('maria.um@exemplo.com.br')).toEqual([expect.objectContaining({ cpf: OLD, previousCpf: null })]);
    loadRegistry(desk, [HEADER, row(NEW, 'maria.um@exemplo.com.br')]);
    expect(maria().cpf).toBe(NEW);

    // Two lotes before Implanta answers: both still say the CPF Implanta knows.
    const uuid = correct(desk, maria(), { email: 'maria.dois@exemplo.com.br' }).corrections[0]?.uuid as string;
    const second = await sendBatch(desk);
    expect(packageLines(second.path, stem(second.path), 'corrections.jsonl')).toEqual([expect.objectContaining({ cpf: NEW, previousCpf: OLD })]);
    correct(desk, maria(), { phone: '(11) 98888-7777' });
    const third = await sendBatch(desk);
    expect(packageLines(third.path, stem(third.path), 'corrections.jsonl')).toEqual([expect.objectContaining({ cpf: NEW, previousCpf: OLD })]);

    await importAck(desk, writeAck(desk, 'r2.json', { schemaVersion: 2, batch: second.batch.uuid, packageSha256: second.sha256, items: [{ id: uuid, status: 'applied' }] }));
    expect(await sendAndApply('maria.tres@exemplo.com.br')).toEqual([expect.objectContaining({ cpf: NEW, previousCpf: null })]);
  });

  it('back to the CPF Implanta knows before any lote: no previousCpf', async () => {
    await sendAndApply('maria.um@exemplo.com.br');
    loadRegistry(desk, [HEADER, row(NEW, 'maria.um@exemplo.com.br')]);
    loadRegistry(desk, [HEADER, row(OLD, 'maria.um@exemplo.com.br')]);
    expect(maria().cpf).toBe(OLD);
    expect(await sendAndApply('maria.dois@exemplo.com.br')).toEqual([expect.objectContaining({ cpf: OLD, previousCpf: null })]);
  });

  it('the DIP e-mail of an open lote names the CPF Implanta knows too', async () => {
    await sendAndApply('maria.um@exemplo.com.br');
    loadRegistry(desk, [HEADER, row(NEW, 'maria.um@exemplo.com.br')]);
    desk.store.db.prepare("UPDATE professionals SET dip_status = 'confirmed' WHERE registration_number = '40001'").run();
    correct(desk, maria(), { name: 'Maria Souza Lima' }, { dipAcknowledged: true });
    const lote = await desk.handlers['batches:create']({});
    const body = (await desk.handlers['batches:dipEmail']({ id: lote.id })).body;
    expect(body).toContain('a Implanta ainda tem o CPF');
  });
});

describe('a CPF taken from the main system over the clerk’s CPF correction still on the desk', () => {
  it('goes to Implanta as previousCpf: the correction was cancelled, Implanta never heard of either', async () => {
    await sendAndApply('maria.um@exemplo.com.br');
    const CLERK = validCpf(40088);
    correct(desk, maria(), { cpf: CLERK }, { dipAcknowledged: true });
    const conflict = loadRegistry(desk, [HEADER, row(NEW, 'maria.um@exemplo.com.br')]).conflicts[0]?.id as number;
    desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'O sistema do Regional está certo' });
    expect(maria().cpf).toBe(NEW);
    expect(await sendAndApply('maria.dois@exemplo.com.br')).toEqual([expect.objectContaining({ cpf: NEW, previousCpf: OLD })]);
    expect(await sendAndApply('maria.tres@exemplo.com.br')).toEqual([expect.objectContaining({ cpf: NEW, previousCpf: null })]);
  });
});

describe('a CPF taken from the main system after Implanta rejected the clerk’s CPF correction', () => {
  it('goes to Implanta as previousCpf, and the choice says so', async () => {
    await sendAndApply('maria.um@exemplo.com.br');
    const CLERK = validCpf(40088);
    const uuid = correct(desk, maria(), { cpf: CLERK }, { dipAcknowledged: true }).corrections[0]?.uuid as string;
    const sent = await sendBatch(desk);
    const conflict = loadRegistry(desk, [HEADER, row(NEW, 'maria.um@exemplo.com.br')]).conflicts[0]?.id as number;
    await importAck(desk, writeAck(desk, 'rej.json', { schemaVersion: 2, batch: sent.batch.uuid, packageSha256: sent.sha256, items: [{ id: uuid, status: 'rejected', message: 'CPF não confere.' }] }));
    expect(maria().cpf).toBe(OLD);
    const result = desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'O sistema do Regional está certo' }) as { message: string };
    expect(result.message).toContain('informando o CPF 000.040.001-');
    expect(result.message).not.toContain('que a Implanta não tem');
    expect(maria().cpf).toBe(NEW);
    expect(await sendAndApply('maria.dois@exemplo.com.br')).toEqual([expect.objectContaining({ cpf: NEW, previousCpf: OLD })]);
  });
});
