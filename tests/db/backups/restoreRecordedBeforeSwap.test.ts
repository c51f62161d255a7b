// A restore writes its own record — its audit entry, with the lotes it undoes, and the backup list —
// into the prepared copy before that copy takes the store's name. Killed the moment after the swap,
// the restored store still says it was restored, and which lote numbers are never given again.
// The rename is watched here: what it moves into place already holds the record.
import { vi } from 'vitest';

const seen: { file: string; actions: string[] }[] = [];
vi.mock('../../../db/renameInPlace', async (original) => {
  const real = await original<typeof import('../../../db/renameInPlace')>();
  const { openRawStore } = await import('../../rawStore');
  return {
    ...real,
    renameInPlaceSync: (from: string, to: string) => {
      if (/\.restore-/.test(from)) {
        const copy = openRawStore(from, { readonly: true });
        try {
          seen.push({ file: from, actions: copy.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[] });
        } finally {
          copy.close();
        }
      }
      real.renameInPlaceSync(from, to);
    },
  };
});

import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();

describe('a restore\'s own record', () => {
  it('is in the copy before it is renamed over the store', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const { file } = await b.create();
    b.setNow('2026-11-25T09:00:00.000Z');
    const { jobId } = await b.prepare(file);
    await b.call('backups:restoreApply', { jobId });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.actions.at(-1)).toBe('backup.restore');
    // And the restored store holds it once.
    const restores = b.desk.store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'").pluck().get();
    expect(restores).toBe(1);
  });
});
