// What tells the clerk (and the routine) how old this desk's last backup is counts only backups this
// desk wrote of its store: a backup of another desk, verified here, and a copy made for Implanta
// (which leaves the council's atendimentos out) never stand for one — and the copy for Implanta is
// not listed, even once verified here.
import { describe, expect, it } from 'vitest';
import type { BackupCreated } from '../../../shared/contract/backups';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();

describe('backups that are not this desk’s own', () => {
  it('a backup of another desk verified here leaves this desk’s summary and routine as they were', async () => {
    const other = await desks.setUp({ professionals: 3 });
    other.setNow('2026-11-24T18:00:00.000Z');
    const theirs = await other.create();
    const b = await desks.setUp({ professionals: 2 });
    expect((await b.verify(theirs.file)).valid).toBe(true);
    expect(await b.call('backups:summary', {})).toMatchObject({ lastVerified: null, warning: true });
    const auto = await b.call('backups:auto', { trigger: 'auto' });
    expect(auto.jobId).not.toBeNull();
    await b.desk.jobs.wait(auto.jobId!);
  });

  it('a copy for Implanta verified here is not listed and does not count as a backup', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const made = await b.job<BackupCreated>('backups:create', { passphrase: 'combinada com a Implanta', folder: b.folder, forImplanta: true });
    if (!made.ok) throw new Error(made.error.message);
    expect((await b.verify(made.value.file, 'combinada com a Implanta')).valid).toBe(true);
    expect((await b.call('backups:list', {})).items.map((i) => i.path)).not.toContain(made.value.file);
    expect((await b.call('backups:summary', {})).lastVerified).toBeNull();
  });
});
