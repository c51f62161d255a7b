// A backup this desk wrote that the clerk moved to another folder under the same name was not
// renamed: the list must not say it was renamed from the name it still has. One renamed says its
// old name; one moved and renamed says its old name too, listed at its new path.
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest, type BackupDesk } from './fixtures';

const desks = backupDesksForEachTest();

/** A backup written with `--out` into a folder of its own, as the reviewer's command line did. */
async function madeElsewhere(b: BackupDesk) {
  const out = b.dir.file('a');
  mkdirSync(out);
  const moved = b.dir.file('b');
  mkdirSync(moved);
  return { made: await b.create({ folder: out }), moved };
}

const listedAt = async (b: BackupDesk, path: string) => (await b.call('backups:list', {})).items.filter((item) => item.path === path);

describe('a backup this desk wrote, moved or renamed by the clerk', () => {
  it('moved to another folder under the same name: still made by this desk, and not said to be renamed', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const { made, moved } = await madeElsewhere(b);
    const now = join(moved, made.fileName);
    renameSync(made.file, now);
    expect((await b.verify(now)).valid).toBe(true);
    const items = await listedAt(b, now);
    expect(items).toEqual([expect.objectContaining({ fileName: made.fileName, trigger: 'manual', verified: true, changed: false, renamedFrom: null })]);
    // Pinning it answers what the list shows: this desk's backup, not one merely found there.
    expect(await b.call('backups:pin', { file: now, pinned: true })).toMatchObject({ path: now, pinned: true, trigger: 'manual', renamedFrom: null });
    expect(await listedAt(b, now)).toEqual([expect.objectContaining({ pinned: true, trigger: 'manual', renamedFrom: null })]);
  });

  it('moved into the backup folder under the same name: found there as this desk’s, not said to be renamed', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const { made } = await madeElsewhere(b);
    const now = join(b.folder, made.fileName);
    renameSync(made.file, now);
    expect(await listedAt(b, now)).toEqual([expect.objectContaining({ trigger: 'manual', verified: true, renamedFrom: null })]);
  });

  it('renamed in its folder: says the name it was written under', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const made = await b.create();
    const now = join(b.folder, 'backup de sexta.zip');
    renameSync(made.file, now);
    expect(await listedAt(b, now)).toEqual([expect.objectContaining({ fileName: 'backup de sexta.zip', trigger: 'manual', renamedFrom: made.fileName })]);
  });

  it('moved and renamed: says the name it was written under, listed at its new path', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const { made, moved } = await madeElsewhere(b);
    const now = join(moved, 'backup de sexta.zip');
    renameSync(made.file, now);
    expect((await b.verify(now)).valid).toBe(true);
    expect(await listedAt(b, now)).toEqual([expect.objectContaining({ fileName: 'backup de sexta.zip', trigger: 'manual', verified: true, renamedFrom: made.fileName })]);
    expect((await b.call('backups:list', {})).items).toHaveLength(1);
  });
});
