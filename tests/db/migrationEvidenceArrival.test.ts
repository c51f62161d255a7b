// A store the previous version of the desk wrote (signed, sealed, with corrections pending, in a
// sealed lote and answered by Implanta) opened by this version, which widens the ways evidence can
// arrive (e-mail, phone) by rebuilding the corrections table: every correction keeps its id and its
// data, `audit verify` still says intact, and every guard of the table still holds.
import { describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../shared/contract/audit';
import { openRawStore, readRawRows } from '../rawStore';
import { auditIntact, auditVerification, expectGuardsIntact, exportedLote, insertProfessional, type MigrationDesk, migrationTests, saveCorrection } from './migrationDesk';

const { dir, keptByUpgrade, loadDesk, withDesk: withDeskAt } = migrationTests('0010_evidence_email_phone');

function addProfessional(desk: MigrationDesk, registrationNumber: string, cpf: string, name: string): number {
  return insertProfessional(desk, { registrationNumber, cpf, name, email: `caixa${registrationNumber}@exemplo.com.br` });
}

const saveEmail = (desk: MigrationDesk, id: number, email: string, arrival: string) => saveCorrection(desk, id, { email }, { arrival });

/**
 * Implanta's answer to the lote `batchId` — one correction applied, one rejected — as that version
 * wrote it, in its schema's SQL: the corrections answered, the rejected one's record back on the
 * value Implanta holds, the record's history, the lote answered, and the entry in the trail (by the
 * trail's writer, which knows a trail of any version).
 */
async function answeredInItsSql(desk: MigrationDesk, batchId: number, answer: { synced: string; rejected: { uuid: string; message: string } }): Promise<void> {
  const { appendAudit } = await import('../../db/audit');
  const at = '2026-03-10T13:00:00.000Z';
  const db = desk.store.db;
  type Answered = { professional_id: number; field: string; old_value: string | null; new_value: string | null };
  const correction = db.prepare('SELECT professional_id, field, old_value, new_value FROM corrections WHERE uuid = ?');
  const history = db.prepare(
    "INSERT INTO record_history (professional_id, at, operator, kind, field, old_value, new_value, correction_uuid, batch_id, note) VALUES (?, ?, 'Ana Paula', ?, ?, ?, ?, ?, ?, ?)",
  );
  db.transaction(() => {
    const synced = correction.get(answer.synced) as Answered;
    db.prepare("UPDATE corrections SET status = 'synced', status_changed_at = ? WHERE uuid = ?").run(at, answer.synced);
    history.run(synced.professional_id, at, 'synced', synced.field, synced.old_value, synced.new_value, answer.synced, batchId, null);
    const rejected = correction.get(answer.rejected.uuid) as Answered;
    db.prepare("UPDATE corrections SET status = 'rejected', status_message = ?, status_changed_at = ? WHERE uuid = ?").run(answer.rejected.message, at, answer.rejected.uuid);
    db.prepare('UPDATE professionals SET email = ?, row_version = row_version + 1, updated_at = ? WHERE id = ?').run(rejected.old_value, at, rejected.professional_id);
    history.run(rejected.professional_id, at, 'rejected', rejected.field, rejected.new_value, rejected.old_value, answer.rejected.uuid, batchId, answer.rejected.message);
    db.prepare("UPDATE batches SET acknowledged_at = ?, state = 'acknowledged' WHERE id = ?").run(at, batchId);
    appendAudit(db, { at, operator: 'Ana Paula', action: 'batch.acknowledge', entity: 'batch', entityId: String(batchId), detail: { applied: 1, rejected: 1 } });
  })();
}

/** What the previous version left: an answered lote (one applied, one rejected) and two pending corrections. */
async function previousStore(path: string): Promise<{ synced: string; rejected: string; pending: string[]; lote: { id: number; sha256: string } }> {
  return withDeskAt(path, 'previous', async (desk) => {
    desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
    const ana = addProfessional(desk, '70001', '52998224725', 'Ana Lima');
    const bia = addProfessional(desk, '70002', '11144477735', 'Beatriz Costa');
    const cris = addProfessional(desk, '70003', '12345678909', 'Cristina Reis');
    const synced = saveEmail(desk, ana, 'ana.lima@exemplo.com.br', 'in_person').corrections[0]!.uuid;
    const rejected = saveEmail(desk, bia, 'bia.costa@exemplo.com.br', 'post').corrections[0]!.uuid;
    // The previous version sealed its lotes in package format 2.
    const created = await exportedLote(desk, dir, 2);
    await desk.handlers['batches:markSent']({ id: created.id });
    await answeredInItsSql(desk, created.id, { synced, rejected: { uuid: rejected, message: 'Domínio inexistente.' } });
    const pending = [saveEmail(desk, cris, 'cris.reis@exemplo.com.br', 'post').corrections[0]!.uuid, saveEmail(desk, ana, 'ana.lima2@exemplo.com.br', 'in_person').corrections[0]!.uuid];
    expect(await auditIntact(desk)).toBe(true);
    return { synced, rejected, pending, lote: { id: created.id, sha256: created.sha256 } };
  });
}

const SCHEMA = "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'corrections' ORDER BY type, name";

describe('opening a store of the previous version, where evidence arrived only in person or by post', () => {
  it('keeps every correction with its id and data, each seal as it was, and the sealed lote\'s package byte for byte', async () => {
    const path = dir.file('store.sqlite');
    const { synced, rejected, pending, lote } = await previousStore(path);
    const before = await keptByUpgrade(path, { table: 'corrections', seals: 'correction_seals' }, lote, (desk) => {
      expect(desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get()).toEqual({ n: 4 });
    });
    expect(before).toHaveLength(4);
    expect((before as { uuid: string; status: string }[]).map((c) => [c.uuid, c.status])).toEqual([
      [synced, 'synced'],
      [rejected, 'rejected'],
      [pending[0], 'pending'],
      [pending[1], 'pending'],
    ]);
  });

  it('still says the audit trail is intact, with nothing restored or changed outside the desk', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    await withDeskAt(path, 'current', async (desk) => {
      const result = (await desk.handlers['audit:verify']({})) as AuditVerification;
      expect(result).toMatchObject({ ok: true, rows: [] });
      const opened = desk.store.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'store.%'").pluck().all();
      expect(opened).toEqual([]);
    });
  });

  it('keeps every index, foreign key and trigger of the corrections table as the earlier migrations made them', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    const before = readRawRows(path, SCHEMA) as { type: string; name: string; sql: string }[];
    await withDeskAt(path, 'current', async (desk) => {
      await expectGuardsIntact(desk);
      expect(desk.store.db.prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('corrections')").all()).toEqual([
        { table: 'professionals', from: 'professional_id', to: 'id' },
      ]);
    });
    const after = readRawRows(path, SCHEMA) as { type: string; name: string; sql: string }[];
    const normalize = (rows: { type: string; name: string; sql: string }[]) => rows.filter((r) => r.type !== 'table').map((r) => ({ ...r, sql: r.sql.replace(/\s+/g, ' ') }));
    expect(normalize(after)).toEqual(normalize(before));
    const table = after.find((r) => r.type === 'table')!.sql;
    expect(table).toMatch(/evidence_arrival IN \('in_person', 'post', 'email', 'phone'\)/);
  });

  it('still refuses to edit or delete a correction Implanta answered, and still reports a change made outside the desk', async () => {
    const path = dir.file('store.sqlite');
    const { synced, pending } = await previousStore(path);
    const desk = await loadDesk(path, 'current');
    desk.store.close();

    const db = openRawStore(path);
    try {
      expect(() => db.prepare("UPDATE corrections SET evidence_arrival = 'email' WHERE uuid = ?").run(synced)).toThrow(/never edited/);
      expect(() => db.prepare("UPDATE corrections SET status = 'pending' WHERE uuid = ?").run(synced)).toThrow(/keeps its answer/);
      expect(() => db.prepare('DELETE FROM corrections WHERE uuid = ?').run(synced)).toThrow(/never deleted/);
      expect(() => db.prepare("UPDATE corrections SET batch_id = NULL WHERE uuid = ?").run(synced)).toThrow(/never changes/);
      // Someone with the file rewrites a pending correction's new value.
      db.prepare("UPDATE corrections SET new_value = 'intrusa@exemplo.com.br' WHERE uuid = ?").run(pending[0]);
    } finally {
      db.close();
    }

    const result = await withDeskAt(path, 'current', auditVerification);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([expect.objectContaining({ table: 'corrections' })]);
  });

  it('takes a correction whose document arrived by e-mail right after the upgrade', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    await withDeskAt(path, 'current', async (desk) => {
      const cris = (desk.handlers['registry:search']({ text: 'cristina', page: 0, pageSize: 5 }) as { items: { id: number }[] }).items[0]!;
      const saved = saveEmail(desk, cris.id, 'cristina.reis@exemplo.com.br', 'email');
      const row = desk.store.db.prepare('SELECT evidence_arrival FROM corrections WHERE uuid = ?').get(saved.corrections[0]!.uuid);
      expect(row).toEqual({ evidence_arrival: 'email' });
      expect(await auditIntact(desk)).toBe(true);
    });
  });
});
