// The list of backups as the clerk trusts it: a file the desk wrote and someone replaced since is
// never shown as verified, and a backup written beside the store comes with a warning.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();

describe('the list of backups', () => {
  it('says a backup whose bytes were replaced after it was written is no longer the file the desk wrote, and never counts it as the last verified one', async () => {
    const b = await desks.setUp({ professionals: 5 });
    const created = await b.create();
    expect((await b.call('backups:list', {})).items[0]).toMatchObject({ fileName: created.fileName, verified: true, changed: false });

    // Same size, other bytes: only the digest tells them apart.
    const bytes = readFileSync(created.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(created.file, bytes);
    expect((await b.call('backups:list', {})).items[0]).toMatchObject({ fileName: created.fileName, changed: true });
    expect((await b.call('backups:summary', {})).lastVerified).toBeNull();

    writeFileSync(created.file, Buffer.concat([bytes, Buffer.from('mais')]));
    expect((await b.call('backups:list', {})).items[0]).toMatchObject({ changed: true });
  });

  it('warns that a backup written into the store’s own folder is lost with the same disk, and not one written elsewhere', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const beside = await b.create({ folder: dirname(b.storePath) });
    expect(beside.warning).toMatch(/mesma pasta do banco de dados/);
    expect(beside.warning).toMatch(/mesmo disco/);
    b.setNow('2026-11-24T18:31:00.000Z');
    expect((await b.create()).warning).toBeUndefined();
  });
});
