// A link in the backup folder named like a backup (to /etc/shadow, to another desk's file) is no
// backup: the list leaves it out — neither its target's size nor its bytes are read — and a
// verification of a link's path is refused by what it is, never following it.
import { symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupVerification } from '../../../shared/contract/backups';
import { posixOnly } from '../../posixOnly';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();
const NAME = 'CRESS09-backup-20260101-080000.zip';

describe('links in the backup folder', () => {
  it('are not listed, whatever they point at', async (context) => {
    posixOnly(context, 'symbolic links');
    const b = await desks.setUp({ professionals: 2 });
    const secret = b.dir.file('segredo.txt');
    writeFileSync(secret, 'x'.repeat(1234));
    symlinkSync(secret, join(b.folder, NAME));
    symlinkSync('/etc/shadow', join(b.folder, 'CRESS09-backup-20260102-080000.zip'));
    expect((await b.call('backups:list', {})).items).toEqual([]);
  });

  it('a backup of this desk replaced by a link is no longer listed under its name', async (context) => {
    posixOnly(context, 'symbolic links');
    const b = await desks.setUp({ professionals: 2 });
    const created = await b.create();
    const secret = b.dir.file('segredo.txt');
    writeFileSync(secret, 'y'.repeat(4321));
    rmSync(created.file);
    symlinkSync(secret, created.file);
    const items = (await b.call('backups:list', {})).items;
    expect(items.map((item) => item.bytes)).not.toContain(4321);
    expect(items.filter((item) => item.path === created.file)).toEqual([]);
  });

  it('verify refuses a link path with a clear message, without reading its target', async (context) => {
    posixOnly(context, 'symbolic links');
    const b = await desks.setUp({ professionals: 2 });
    const created = await b.create();
    const link = join(b.folder, NAME);
    symlinkSync(created.file, link);
    const answer = await b.job<BackupVerification>('backups:verify', { file: link, passphrase: null });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.valid).toBe(false);
    expect(answer.value.problems).toEqual([expect.objectContaining({ code: 'NOT_A_FILE', message: expect.stringContaining('é um atalho (link simbólico)') })]);
    expect(answer.value.counts).toBeNull();
  });
});
