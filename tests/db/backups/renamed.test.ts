// A backup this desk wrote that the clerk renamed in its folder ("backup de sexta.zip") is still
// this desk's backup: the list knows it by the size and SHA-256 it recorded when writing it, not by
// its name, says what it was called, and the routine never removes it (a renamed file is one the
// clerk chose to keep).
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();

describe('a backup renamed by the clerk', () => {
  it('is listed as made by this desk, with the name it was written under, before and after it is verified again', async () => {
    const b = await desks.setUp({ professionals: 4 });
    b.setNow('2026-11-01T12:00:00.000Z');
    const made = await b.create();
    const renamed = join(b.folder, 'backup de sexta.zip');
    renameSync(made.file, renamed);
    const listed = async () => (await b.call('backups:list', {})).items.find((item) => item.path === renamed);
    expect(await listed()).toMatchObject({ fileName: 'backup de sexta.zip', trigger: 'manual', renamedFrom: made.fileName, verified: true, changed: false, counts: { professionals: 4 } });
    expect((await b.verify(renamed)).valid).toBe(true);
    expect(await listed()).toMatchObject({ trigger: 'manual', renamedFrom: made.fileName, verified: true });
    // Listed once: the name it was written under is gone.
    expect((await b.call('backups:list', {})).items).toHaveLength(1);
  });

  it('can be pinned and unpinned under its new name, as the list shows it', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const made = await b.create();
    const renamed = join(b.folder, 'guardar para sempre.zip');
    renameSync(made.file, renamed);
    expect(await b.call('backups:pin', { file: renamed, pinned: true })).toMatchObject({ path: renamed, pinned: true, trigger: 'manual', renamedFrom: made.fileName });
    expect((await b.call('backups:list', {})).items).toEqual([expect.objectContaining({ path: renamed, pinned: true, trigger: 'manual' })]);
    expect(await b.call('backups:pin', { file: renamed, pinned: false })).toMatchObject({ pinned: false });
    expect((await b.call('backups:list', {})).items).toEqual([expect.objectContaining({ path: renamed, pinned: false })]);
  });

  it('is not taken for one when only a copy carries another name while the file the desk wrote is still there', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const made = await b.create();
    const copy = join(b.folder, 'CRESS09-backup-20200101-080000.zip');
    copyFileSync(made.file, copy);
    const item = (await b.call('backups:list', {})).items.find((i) => i.path === copy);
    expect(item).toMatchObject({ trigger: null, renamedFrom: null });
  });

  it('is never removed by the routine keeping the last N', async () => {
    const b = await desks.setUp({ professionals: 2 });
    await b.call('backups:updateSettings', { keepLast: 1 });
    b.setNow('2026-11-01T12:00:00.000Z');
    const first = await b.create();
    const renamed = join(b.folder, 'CRESS09-backup-20261101-000000.zip');
    renameSync(first.file, renamed);
    b.setNow('2026-11-02T12:00:00.000Z');
    await b.create();
    b.setNow('2026-11-03T12:00:00.000Z');
    const third = await b.create();
    expect(third.removed).toHaveLength(1);
    expect(existsSync(renamed)).toBe(true);
  });
});
