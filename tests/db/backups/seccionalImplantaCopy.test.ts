// The copy of the database a desk makes for Implanta leaves the council like a lote does. From a
// seccional's desk it says the seccional in its name and in its bag-info.txt, so Implanta tells it
// from the head office's copy of the same CRESS; the head office's copy is named as it always was.
import { describe, expect, it } from 'vitest';
import { ZipReader } from '../../../db/zip';
import type { BackupCreated } from '../../../shared/contract/backups';
import { backupDesksForEachTest, type BackupDesk } from './fixtures';

const desks = backupDesksForEachTest();
const PASSPHRASE = 'combinada com a Implanta';

async function copyFor(b: BackupDesk): Promise<BackupCreated> {
  const made = await b.job<BackupCreated>('backups:create', { passphrase: PASSPHRASE, folder: b.folder, forImplanta: true });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

async function bagInfo(file: string, root: string): Promise<string> {
  const zip = await ZipReader.open(file, { password: PASSPHRASE });
  try {
    return (await zip.read(`${root}/bag-info.txt`, 1 << 20)).toString('utf8');
  } finally {
    await zip.close();
  }
}

describe('the copy for Implanta', () => {
  it('of a seccional’s desk says the seccional in its name and its bag-info.txt, and is verified', async () => {
    const b = await desks.setUp({ professionals: 2 });
    await b.call('settings:update', { seccional: 'Ribeirão Preto' });
    const copy = await copyFor(b);
    expect(copy.fileName).toMatch(/^CRESS09-ribeirao-preto-para-implanta-\d{8}-\d{6}\.zip$/);
    const info = await bagInfo(copy.file, copy.fileName.replace(/\.zip$/, ''));
    expect(info).toContain('CRESS-Seccional: Ribeirão Preto');
    expect((await b.verify(copy.file, PASSPHRASE)).valid).toBe(true);
  });

  it('of the head office keeps its name and says no seccional', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const copy = await copyFor(b);
    expect(copy.fileName).toMatch(/^CRESS09-para-implanta-\d{8}-\d{6}\.zip$/);
    expect(await bagInfo(copy.file, copy.fileName.replace(/\.zip$/, ''))).not.toContain('CRESS-Seccional');
  });
});
