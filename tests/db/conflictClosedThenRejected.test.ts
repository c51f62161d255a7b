// A correction that brought the record to the main system's value closed the registry conflict of
// that field. When Implanta rejects it, the record shows Implanta's value again — the desk's, not the
// main system's: the disagreement is back, and the conflict opens again for the clerk to choose,
// instead of being lost. Implanta applying it leaves the conflict closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { RegistryConflict } from '../../shared/contract/registry';
import type { Professional } from '../../shared/domain';
import { correct, importAck, loadRegistry, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
const DESK = 'maria.souza@gmail.com';
const FILE = 'msouza@uol.com.br';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  load('maria@exemplo.com.br');
});
afterEach(() => desk.cleanup());

const maria = () => findProfessional(desk.store.db, '40001') as Professional;
const load = (email: string) => loadRegistry(desk, [HEADER, `40001;${validCpf(40001)};Maria Souza;Rita Souza;${email}`]);
const open = () => (desk.handlers['registry:conflicts']({ page: 0, pageSize: 50 }) as { items: RegistryConflict[] }).items;

/** The desk's correction sent, the main system's third value in conflict with it, and the clerk's correction to that value sent too. */
async function closedBySentCorrection(): Promise<{ uuid: string; batch: string; sha256: string }> {
  correct(desk, maria(), { email: DESK });
  await sendBatch(desk);
  expect(load(FILE).conflicts).toEqual([expect.objectContaining({ field: 'email' })]);
  const uuid = correct(desk, maria(), { email: FILE }).corrections[0]!.uuid;
  expect(open()).toEqual([]);
  const { batch, sha256 } = await sendBatch(desk);
  return { uuid, batch: batch.uuid, sha256 };
}

describe('a correction that closed a conflict', () => {
  it('rejected by Implanta, opens the conflict again with the record back on the desk’s value', async () => {
    const sent = await closedBySentCorrection();
    await importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 1, batch: sent.batch, packageSha256: sent.sha256, items: [{ id: sent.uuid, status: 'rejected', message: 'Recusado' }] }));
    expect(maria().email).toBe(DESK);
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: DESK, fileValue: FILE, resolvedAt: null })]);
  });

  it('applied by Implanta, leaves the conflict closed', async () => {
    const sent = await closedBySentCorrection();
    await importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 1, batch: sent.batch, packageSha256: sent.sha256, items: [{ id: sent.uuid, status: 'applied' }] }));
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
  });
});
