// A correction that brought the record to the main system's value closed the registry conflict of
// that field. When Implanta rejects it, the record shows Implanta's value again — the desk's, not the
// main system's: the disagreement is back, and the conflict opens again for the clerk to choose,
// instead of being lost. Implanta applying it leaves the conflict closed.
import { describe, expect, it } from 'vitest';
import { correct, importAck, sendBatch, writeAck } from './batchFixtures';
import { DESK, FILE, useConflictDesk } from './conflictDesk';

const conflictDesk = useConflictDesk();
const { maria, load, open } = conflictDesk;

/** The desk's correction sent, the main system's third value in conflict with it, and the clerk's correction to that value sent too. */
async function closedBySentCorrection(): Promise<{ uuid: string; batch: string; sha256: string }> {
  correct(conflictDesk.desk, maria(), { email: DESK });
  await sendBatch(conflictDesk.desk);
  expect(load(FILE).conflicts).toEqual([expect.objectContaining({ field: 'email' })]);
  const uuid = correct(conflictDesk.desk, maria(), { email: FILE }).corrections[0]!.uuid;
  expect(open()).toEqual([]);
  const { batch, sha256 } = await sendBatch(conflictDesk.desk);
  return { uuid, batch: batch.uuid, sha256 };
}

describe('a correction that closed a conflict', () => {
  it('rejected by Implanta, opens the conflict again with the record back on the desk’s value', async () => {
    const sent = await closedBySentCorrection();
    await importAck(conflictDesk.desk, writeAck(conflictDesk.desk, 'resposta.json', { schemaVersion: 1, batch: sent.batch, packageSha256: sent.sha256, items: [{ id: sent.uuid, status: 'rejected', message: 'Recusado' }] }));
    expect(maria().email).toBe(DESK);
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: DESK, fileValue: FILE, resolvedAt: null })]);
  });

  it('applied by Implanta, leaves the conflict closed', async () => {
    const sent = await closedBySentCorrection();
    await importAck(conflictDesk.desk, writeAck(conflictDesk.desk, 'resposta.json', { schemaVersion: 1, batch: sent.batch, packageSha256: sent.sha256, items: [{ id: sent.uuid, status: 'applied' }] }));
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
  });
});
