// Keeping the last N backups removes only backups this desk wrote and still recognises: a file
// merely named like a backup, one found in the folder, or one replaced since, stays where it is.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest, filesIn } from './fixtures';

const desks = backupDesksForEachTest();

describe('pruning the backup folder', () => {
  it('leaves alone a file that is only named like a backup', async () => {
    const b = await desks.setUp();
    await b.call('backups:updateSettings', { keepLast: 1 });
    const foreign = join(b.folder, 'CRESS09-backup-20200101-080000.zip');
    writeFileSync(foreign, 'planilha de outra pessoa com nome parecido');
    b.setNow('2026-11-01T12:00:00.000Z');
    const first = await b.create();
    b.setNow('2026-11-02T12:00:00.000Z');
    const second = await b.create();
    expect(second.removed).toEqual([first.fileName]);
    expect(existsSync(foreign)).toBe(true);
    expect(filesIn(b.folder)).toEqual(['CRESS09-backup-20200101-080000.zip', second.fileName].sort());
  });

  it('leaves alone a backup found in the folder and verified here, which this desk did not write', async () => {
    const b = await desks.setUp();
    b.setNow('2026-11-01T12:00:00.000Z');
    const made = await b.create();
    const copied = join(b.folder, 'CRESS09-backup-20200101-080000.zip');
    copyFileSync(made.file, copied);
    await b.verify(copied);
    await b.call('backups:updateSettings', { keepLast: 1 });
    b.setNow('2026-11-02T12:00:00.000Z');
    const next = await b.create();
    expect(next.removed).toEqual([made.fileName]);
    expect(existsSync(copied)).toBe(true);
  });

  it('leaves alone a backup of this desk whose file was replaced by another one', async () => {
    const b = await desks.setUp();
    await b.call('backups:updateSettings', { keepLast: 1 });
    b.setNow('2026-11-01T12:00:00.000Z');
    const first = await b.create();
    writeFileSync(first.file, 'outro conteúdo no lugar do backup');
    b.setNow('2026-11-02T12:00:00.000Z');
    const second = await b.create();
    expect(second.removed).toEqual([]);
    expect(existsSync(first.file)).toBe(true);
  });
});
