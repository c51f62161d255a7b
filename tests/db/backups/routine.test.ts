// The routine: at most one automatic backup per interval, the last N kept (pinned ones always), the
// list fed by the folder too, and the age of the last verified backup for the dashboard.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest, filesIn } from './fixtures';

const desks = backupDesksForEachTest();

describe('the backup routine', () => {
  it('backs up on close or on the periodic check only when the last backup is older than the interval', async () => {
    const b = await desks.setUp();
    b.setNow('2026-11-24T08:00:00.000Z');
    const first = await b.call('backups:auto', { trigger: 'close' });
    expect(first.jobId).not.toBeNull();
    expect((await b.desk.jobs.wait(first.jobId as string)).state).toBe('done');
    b.setNow('2026-11-24T20:00:00.000Z');
    expect((await b.call('backups:auto', { trigger: 'close' })).jobId).toBeNull();
    b.setNow('2026-11-25T08:00:01.000Z');
    const next = await b.call('backups:auto', { trigger: 'auto' });
    expect(next.jobId).not.toBeNull();
    await b.desk.jobs.wait(next.jobId as string);
    await b.call('backups:updateSettings', { onClose: false });
    b.setNow('2026-11-27T08:00:00.000Z');
    expect((await b.call('backups:auto', { trigger: 'close' })).jobId).toBeNull();
    const { items } = await b.call('backups:list', {});
    expect(items.map((i) => i.trigger)).toEqual(['auto', 'close']);
  });

  it('keeps the last N backups of the folder and never removes a pinned one', async () => {
    const b = await desks.setUp();
    await b.call('backups:updateSettings', { keepLast: 2 });
    const names: string[] = [];
    for (let day = 1; day <= 3; day++) {
      b.setNow(`2026-11-0${day}T12:00:00.000Z`);
      names.push((await b.create()).fileName);
    }
    // Three made, two kept: the oldest went.
    expect(filesIn(b.folder)).toEqual(names.slice(1));
    await b.call('backups:pin', { file: join(b.folder, names[1]!), pinned: true });
    b.setNow('2026-11-04T12:00:00.000Z');
    const fourth = await b.create();
    b.setNow('2026-11-05T12:00:00.000Z');
    const fifth = await b.create();
    // The pinned one stays however old; of the others, the newest two.
    expect(filesIn(b.folder)).toEqual([names[1], fourth.fileName, fifth.fileName].sort());
    expect(fifth.removed).toEqual([names[2]]);
  });

  it('lists backups found in the folder that this desk did not make, and pins them', async () => {
    const b = await desks.setUp();
    const made = await b.create();
    const copied = join(b.folder, 'CRESS09-backup-20200101-080000.zip');
    copyFileSync(made.file, copied);
    copyFileSync(made.file, join(b.folder, 'outro-arquivo.zip'));
    const { items } = await b.call('backups:list', {});
    expect(items.map((i) => i.fileName)).toEqual([made.fileName, 'CRESS09-backup-20200101-080000.zip']);
    expect(items[1]).toMatchObject({ verified: null, pinned: false, trigger: null, encrypted: false, region: 9 });
    const pinned = await b.call('backups:pin', { file: copied, pinned: true });
    expect(pinned).toMatchObject({ pinned: true, trigger: 'found', verified: null });
    await b.verify(copied);
    expect((await b.call('backups:list', {})).items[1]).toMatchObject({ pinned: true, verified: true });
    expect((await b.fail('backups:pin', { file: join(b.folder, 'outro-arquivo.zip'), pinned: true })).code).toBe('BACKUP_NOT_FOUND');
    expect(existsSync(copied)).toBe(true);
  });

  it('tells the dashboard the age of the last verified backup and warns after 7 days', async () => {
    const b = await desks.setUp();
    expect(await b.call('backups:summary', {})).toMatchObject({ lastVerified: null, warning: true, warnAfterDays: 7 });
    b.setNow('2026-11-01T12:00:00.000Z');
    const made = await b.create();
    b.setNow('2026-11-08T11:00:00.000Z');
    expect(await b.call('backups:summary', {})).toMatchObject({ lastVerified: { fileName: made.fileName }, ageDays: 6, warning: false });
    b.setNow('2026-11-09T13:00:00.000Z');
    expect(await b.call('backups:summary', {})).toMatchObject({ ageDays: 8, warning: true });
  });
});
