// A conflict is raised against the correction on its way when the main system's third value came
// in. The clerk corrects the field again before choosing, and Implanta answers both: the conflict
// is then about the newer correction. Taking the file's value must leave Implanta with it too —
// not read the older correction's rejection and send nothing while Implanta holds the newer value.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit';
import type { RegistryConflict } from '../../shared/contract';
import { correct, importAck, sendBatch, writeAck } from './batchFixtures';
import { CORRECTED, LOADED, MAIN_SYSTEM } from './mariaLoads';
import { useConflictDesk } from './conflictDesk';

const conflictDesk = useConflictDesk();
const { maria, load, open } = conflictDesk;
const NEWER = 'maria.nova@gmail.com';
const TAKE_FILE = { choice: 'file', reason: 'O sistema do Regional tem o e-mail atual' } as const;

/** Maria corrected, the main system's third value loaded (a conflict), corrected again, both sent and answered. */
async function bothAnswered(older: 'applied' | 'rejected', newer: 'applied' | 'rejected') {
  const { desk } = conflictDesk;
  const first = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
  const conflict = load(MAIN_SYSTEM).conflicts[0]!.id as number;
  const second = correct(desk, maria(), { email: NEWER }).corrections[0]!.uuid;
  const { batch, sha256 } = await sendBatch(desk);
  const item = (id: string, status: string) => (status === 'applied' ? { id, status } : { id, status, message: 'E-mail recusado pela plataforma.' });
  const answer = { schemaVersion: 1, batch: batch.uuid, packageSha256: sha256, items: [item(first, older), item(second, newer)] };
  await importAck(desk, writeAck(desk, 'resposta.json', answer));
  return { conflict, first, second };
}

const queued = () =>
  conflictDesk.desk.store.db
    .prepare("SELECT old_value AS old, new_value AS new, source FROM corrections WHERE status = 'pending' ORDER BY id")
    .all();
const openRejections = () => conflictDesk.desk.store.db.prepare("SELECT count(*) FROM corrections WHERE status = 'rejected' AND resolved_at IS NULL").pluck().get();
const resolve = (id: number) => conflictDesk.desk.handlers['registry:resolveConflict']({ id, ...TAKE_FILE }) as { message: string; newCorrection: string | null };

describe('a conflict whose older correction Implanta rejected and whose newer one it applied', () => {
  it('is shown about the newer correction, which Implanta holds', async () => {
    await bothAnswered('rejected', 'applied');
    expect(maria().email).toBe(NEWER);
    expect(open()).toEqual([expect.objectContaining<Partial<RegistryConflict>>({ deskValue: NEWER, fileValue: MAIN_SYSTEM, correctionOutcome: null })]);
  });

  it('taking the file’s value queues a correction from the value Implanta applied to the main system’s', async () => {
    const { conflict } = await bothAnswered('rejected', 'applied');
    const result = resolve(conflict);
    expect(result.newCorrection).not.toBeNull();
    expect(result.message).toMatch(/já tinha seguido para a Implanta: uma nova correção, com o valor do sistema do Regional, entrou na fila\.$/);
    expect(result.message).not.toMatch(/rejeitad/);
    expect(queued()).toEqual([{ old: NEWER, new: MAIN_SYSTEM, source: 'conflict' }]);
    expect(maria().email).toBe(MAIN_SYSTEM);
    expect(openRejections()).toBe(0);
    expect(verifyAuditChain(conflictDesk.desk.store.db).ok).toBe(true);
  });

});

describe('a conflict whose two corrections Implanta both rejected', () => {
  it('taking the file’s value deals with both rejections and sends nothing', async () => {
    const { conflict } = await bothAnswered('rejected', 'rejected');
    expect(maria().email).toBe(LOADED);
    expect(open()).toEqual([expect.objectContaining<Partial<RegistryConflict>>({ deskValue: LOADED, correctionOutcome: 'rejected' })]);
    const result = resolve(conflict);
    expect(result.newCorrection).toBeNull();
    expect(result.message).toMatch(/rejeitado a correção para “maria\.nova@gmail\.com”: a rejeição fica tratada\.$/);
    expect(queued()).toEqual([]);
    expect(maria().email).toBe(MAIN_SYSTEM);
    expect(openRejections()).toBe(0);
    expect((await conflictDesk.desk.handlers['batches:dashboard']({ days: 30 })).rejected).toBe(0);
  });
});
