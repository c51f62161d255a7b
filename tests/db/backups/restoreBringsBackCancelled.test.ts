// A backup holds corrections still on their way to Implanta. When the clerk cancels one of them after
// the backup, or undoes the import that brought it, restoring that backup puts it on its way again:
// the restore says so before the clerk confirms, with how many and when the latest was taken back.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runImport, importInput, jobContext } from '../../fixtures/imports/jobs';
import { backupDesksForEachTest, type BackupDesk } from './fixtures';

const desks = backupDesksForEachTest();

/** Imports new e-mails for the given records (by CPF) at the desk's time: the import's id. */
function importEmails(b: BackupDesk, name: string, ids: number[], at: string): number {
  const people = b.desk.store.db.prepare(`SELECT id, cpf FROM professionals WHERE id IN (${ids.join(',')}) ORDER BY id`).all() as { id: number; cpf: string }[];
  const path = b.dir.file(name);
  writeFileSync(path, ['CPF;E-mail', ...people.map((p) => `${p.cpf};${name.replace(/\W/g, '')}.${p.id}@exemplo.com.br`)].join('\r\n'));
  const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(b.storePath, { now: at }));
  expect(summary.accepted).toBe(ids.length);
  return summary.importId as number;
}

const pendingUuids = (b: BackupDesk, importId: number) =>
  b.desk.store.db.prepare("SELECT uuid FROM corrections WHERE import_id = ? AND status = 'pending' ORDER BY id").pluck().all(importId) as string[];

describe('restoring a backup that holds corrections taken back since', () => {
  it('counts those cancelled and those of an import undone after it, not those cancelled before it', async () => {
    const b = await desks.setUp({ professionals: 8 });
    const ids = b.desk.store.db.prepare('SELECT id FROM professionals ORDER BY id').pluck().all() as number[];
    const kept = importEmails(b, 'mantida.csv', ids.slice(0, 4), '2026-11-24T18:00:00.000Z');
    const undone = importEmails(b, 'desfeita.csv', ids.slice(4, 6), '2026-11-24T18:10:00.000Z');
    const [cancelledBefore, cancelledAfter] = pendingUuids(b, kept);
    await b.call('corrections:cancel', { uuid: cancelledBefore!, reason: 'Digitado errado' });
    const { file } = await b.create();

    const nothingYet = await b.prepare(file);
    expect(nothingYet.prepared.cancelledAfter).toEqual({ count: 0, latest: null });
    await b.call('backups:restoreDiscard', { jobId: nothingYet.jobId });

    b.setNow('2026-11-25T09:00:00.000Z');
    await b.call('corrections:cancel', { uuid: cancelledAfter!, reason: 'A profissional desistiu' });
    b.setNow('2026-11-25T10:00:00.000Z');
    const undoing = await b.job('imports:undo', { id: undone });
    expect(undoing.ok).toBe(true);

    const { jobId, prepared } = await b.prepare(file);
    // One cancelled, two undone with their import; the latest when the import was undone.
    expect(prepared.cancelledAfter).toEqual({ count: 3, latest: '2026-11-25T10:00:00.000Z' });
    expect(prepared.correctionsAfter.count).toBe(0);

    // What it said comes true: the three are pending again.
    await b.call('backups:restoreApply', { jobId });
    const pending = b.desk.store.db.prepare("SELECT count(*) FROM corrections WHERE status = 'pending'").pluck().get();
    expect(pending).toBe(5);
  });

  it('counts the CEP changes and atendimentos saved after it, which the restore takes off the desk', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const { file } = await b.create();
    b.setNow('2026-11-25T09:00:00.000Z');
    b.desk.handlers['cep:save']({ cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP', reason: 'CEP novo informado' });
    await b.desk.handlers['contacts:add']({ professionalId: null, cpf: '52998224725', name: 'Joana Prado', channel: 'phone', case: 'B', summary: 'Não consegue entrar.', notes: null, attachments: [] });
    const { prepared } = await b.prepare(file);
    expect(prepared.otherAfter).toEqual({ cepChanges: 1, contacts: 1 });
  });
});
