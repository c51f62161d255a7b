// Two restores, each undoing a lote that carried the same correction: the second restores a backup
// holding the later lote still under review, which the restore cancels. The lote made next carries
// that correction a third time, and names both lotes undone — not only the latest, as when the
// cancelled lote was taken for the lote "before" it, which would have carried the first one's items.
import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../../shared/contract';
import type { Professional } from '../../../shared/domain';
import { correct } from '../batchFixtures';
import { addProfessional } from '../fixtures';
import { backupDesksForEachTest, type BackupDesk } from './fixtures';

const desks = backupDesksForEachTest();

async function restore(b: BackupDesk, file: string): Promise<void> {
  const { jobId } = await b.prepare(file);
  await b.call('backups:restoreApply', { jobId });
}

/** Seals, exports and marks sent the open lote `batch`. */
async function send(b: BackupDesk, batch: BatchSummary): Promise<void> {
  await b.call('batches:seal', { id: batch.id });
  const done = await b.job('batches:export', { id: batch.id, path: b.dir.file(batch.fileName), passphrase: null, replace: true });
  expect(done.ok).toBe(true);
  await b.call('batches:markSent', { id: batch.id });
}

describe('the lote made after two restores undid lotes that carried its correction', () => {
  it('names both undone lotes, though the second restore cancelled the later one under review', async () => {
    const b = await desks.setUp({ professionals: 0 });
    const person: Professional = addProfessional(b.desk.store, { name: 'Joana Dias' });
    correct(b.desk, person, { email: 'joana.dias@exemplo.com.br' });
    b.setNow('2026-11-24T18:40:00.000Z');
    const before = await b.create();

    b.setNow('2026-11-24T18:50:00.000Z');
    await send(b, await b.call('batches:create', {}));
    b.setNow('2026-11-24T19:00:00.000Z');
    await restore(b, before.file);

    b.setNow('2026-11-24T19:10:00.000Z');
    const second = await b.call('batches:create', {});
    expect(second.number).toBe('2026-0002');
    b.setNow('2026-11-24T19:15:00.000Z');
    const underReview = await b.create();
    b.setNow('2026-11-24T19:20:00.000Z');
    await send(b, second);
    b.setNow('2026-11-24T19:30:00.000Z');
    await restore(b, underReview.file);

    b.setNow('2026-11-24T19:40:00.000Z');
    const third = await b.call('batches:create', {});
    expect(third.number).toBe('2026-0003');
    expect(third.counts.corrections).toBe(1);
    expect((third.undoneBefore ?? []).map((lote) => lote.number).sort()).toEqual(['2026-0001', '2026-0002']);
  });
});
