// The window's restore of another desk's backup (a seccional's over the head office's, same CRESS):
// prepared, it names both desks; applied, it is refused unless the clerk confirmed it, and over a
// desk only set up it goes through, the answer saying which desk this one became.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addProfessional, EVIDENCE, REASON } from '../fixtures';
import { type BackupDesk, backupDesksForEachTest, countRows } from './fixtures';

const desks = backupDesksForEachTest();

/** The seccional Campinas's desk (Bia), with a backup: the backup's file. */
async function campinasBackup(): Promise<string> {
  const b = desks.open();
  await b.call('settings:setup', { region: 9, seccional: 'Campinas', operator: 'Bia Lima' });
  await b.call('backups:updateSettings', { folder: b.folder });
  for (let i = 0; i < 3; i++) addProfessional(b.desk.store, { name: `Campinas ${i}` });
  return (await b.create()).file;
}

const seccionalOf = (b: BackupDesk) => b.desk.store.db.prepare('SELECT seccional FROM settings').pluck().get();

/** A correction saved on the desk: work of its own. */
async function someWork(b: BackupDesk): Promise<void> {
  const p = addProfessional(b.desk.store, { name: 'Maria da Sede' });
  await b.call('corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { email: 'maria.sede@gmail.com' }, reason: REASON, evidence: EVIDENCE });
}

describe("restoring another desk's backup of the same CRESS", () => {
  it('names the seccional in its file, and refuses it unless confirmed, naming both desks; then this desk is that one', async () => {
    const file = await campinasBackup();
    expect(basename(file)).toMatch(/^CRESS09-campinas-backup-\d{8}-\d{6}\.zip$/);
    const mine = await desks.setUp({ professionals: 2 });
    await someWork(mine);
    const { jobId, prepared } = await mine.prepare(file);
    expect(prepared).toMatchObject({
      otherRegion: false,
      otherDesk: true,
      deskChanges: true,
      desk: { region: 9, seccional: 'Campinas', operator: 'Bia Lima' },
      currentDesk: { region: 9, seccional: null, operator: 'Ana Paula' },
    });
    const refused = await mine.fail('backups:restoreApply', { jobId });
    expect(refused.code).toBe('BACKUP_OTHER_DESK');
    expect(refused.message).toMatch(/^Este backup é da mesa configurada por Bia Lima em .* \(seccional Campinas, CRESS 9ª Região\); esta mesa foi configurada por Ana Paula em .* \(sede, CRESS 9ª Região\)\./);
    expect(refused.message).toMatch(/Nada foi alterado\.$/);
    expect(countRows(mine, 'corrections')).toBe(1);

    await mine.call('backups:restoreApply', { jobId, confirmOtherDesk: true });
    expect(countRows(mine, 'corrections')).toBe(0);
    expect(seccionalOf(mine)).toBe('Campinas');
    const entry = mine.desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.restore' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ desk: { seccional: 'Campinas' }, previousDesk: { seccional: null, operator: 'Ana Paula' } });
  });

  it('over a desk only set up (a reinstall), is restored without asking, and names the desk it becomes', async () => {
    const file = await campinasBackup();
    const fresh = await desks.setUp({ professionals: 2 });
    const { jobId, prepared } = await fresh.prepare(file);
    expect(prepared).toMatchObject({ otherDesk: false, deskChanges: true, desk: { seccional: 'Campinas' } });
    await fresh.call('backups:restoreApply', { jobId });
    expect(seccionalOf(fresh)).toBe('Campinas');
  });

  it("of this desk's own backup, says nothing of desks", async () => {
    const mine = await desks.setUp({ professionals: 2 });
    const { file } = await mine.create();
    await someWork(mine);
    const { prepared } = await mine.prepare(file);
    expect(prepared).toMatchObject({ otherDesk: false, deskChanges: false });
  });
});
