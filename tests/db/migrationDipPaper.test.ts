// A store the previous version of the desk wrote (signed, sealed, with corrections in an exported
// lote) opened by this version, which widens the DIP states with awaiting_documents and delivered:
// the professionals table keeps every row, seal, index and trigger as they were, `audit verify`
// still says intact, the lote re-exports byte for byte, and the new states are taken — no other.
import { describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../shared/contract/audit';
import { openRawStore, readRawRows } from '../rawStore';
import { auditIntact, auditVerification, expectGuardsIntact, exportedLote, insertProfessional, migrationTests, saveCorrection } from './migrationDesk';
import { validCpf } from './fixtures';

const { dir, keptByUpgrade, loadDesk, withDesk: withDeskAt } = migrationTests('0012_dip_paper');

const STATUSES = ['none', 'requested', 'confirmed', 'in_manufacture', 'issued'];

/** What the previous version left: a professional in each DIP state, one correction in an exported lote, one pending. */
async function previousStore(path: string): Promise<{ lote: { id: number; sha256: string } }> {
  return withDeskAt(path, 'previous', async (desk) => {
    desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
    const ids = STATUSES.map((status, i) =>
      insertProfessional(desk, { registrationNumber: `8000${i}`, cpf: validCpf(700 + i), name: `Pessoa ${i} Lima`, email: `p${i}@exemplo.com.br`, dipStatus: status }),
    );
    const save = (id: number, name: string) => saveCorrection(desk, id, { name }, { dipAcknowledged: true });
    save(ids[2]!, 'Pessoa Dois Lima');
    // The previous version sealed its lotes in package format 3.
    const created = await exportedLote(desk, dir, 3);
    save(ids[1]!, 'Pessoa Um Lima');
    expect(await auditIntact(desk)).toBe(true);
    return { lote: { id: created.id, sha256: created.sha256 } };
  });
}

const PROFESSIONALS = 'SELECT * FROM professionals ORDER BY id';
const SCHEMA = "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name IN ('professionals', 'professionals_fts') OR sql LIKE '%REFERENCES `professionals`%' ORDER BY type, name";

describe('opening a store of the previous version, whose DIP had five states', () => {
  it('keeps every professional with its data and each seal as it was, and the sealed lote\'s package byte for byte', async () => {
    const path = dir.file('store.sqlite');
    const { lote } = await previousStore(path);
    expect(await keptByUpgrade(path, { table: 'professionals', seals: 'professional_seals' }, lote)).toHaveLength(5);
  });

  it('still says the audit trail is intact, with nothing restored or changed outside the desk', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    await withDeskAt(path, 'current', async (desk) => {
      expect((await desk.handlers['audit:verify']({})) as AuditVerification).toMatchObject({ ok: true, rows: [] });
      expect(desk.store.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'store.%'").pluck().all()).toEqual([]);
      expect(desk.store.db.prepare('SELECT count(*) FROM audit_unsealed').pluck().get()).toBe(0);
    });
  });

  it('keeps every index, trigger and foreign key around the professionals table, and only the DIP states of its CHECK change', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    const before = readRawRows(path, SCHEMA) as { type: string; name: string; sql: string | null }[];
    await withDeskAt(path, 'current', async (desk) => {
      await expectGuardsIntact(desk);
      expect(desk.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(desk.store.db.pragma('foreign_key_check')).toEqual([]);
    });
    const after = readRawRows(path, SCHEMA) as { type: string; name: string; sql: string | null }[];
    const widened = (sql: string | null) =>
      sql?.replace("'requested', 'confirmed', 'in_manufacture', 'issued')", "'requested', 'awaiting_documents', 'confirmed', 'in_manufacture', 'issued', 'delivered')") ?? null;
    // A later migration (0016) adds the correction that closed a registry conflict: not this one's change.
    const withoutLaterColumns = (r: { type: string; name: string; sql: string | null }) =>
      r.name === 'registry_conflicts' ? { ...r, sql: r.sql?.replace(', `closed_by` text', '') ?? null } : r;
    expect(after.filter((r) => r.name !== 'dip_paper_items' && !r.name.startsWith('dip_paper_items_')).map(withoutLaterColumns)).toEqual(
      before.map((r) => (r.name === 'professionals' ? { ...r, sql: widened(r.sql) } : r)),
    );
    expect(after.find((r) => r.name === 'professionals')!.sql).not.toEqual(before.find((r) => r.name === 'professionals')!.sql);
  });

  it('takes the new DIP states right after the upgrade, still refuses a state it does not know, and still reports a change made outside the desk', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    const desk = await loadDesk(path, 'current');
    desk.store.close();
    const db = openRawStore(path);
    try {
      db.prepare("UPDATE professionals SET dip_status = 'delivered' WHERE registration_number = '80004'").run();
      db.prepare("UPDATE professionals SET dip_status = 'awaiting_documents' WHERE registration_number = '80001'").run();
      expect(() => db.prepare("UPDATE professionals SET dip_status = 'lost' WHERE registration_number = '80000'").run()).toThrow(/CHECK constraint failed: professionals_dip_status/);
    } finally {
      db.close();
    }
    const result = await withDeskAt(path, 'current', auditVerification);
    expect(result.ok).toBe(false);
    expect(result.rows).toHaveLength(2);
    expect(result.rows.every((r) => r.table === 'professionals')).toBe(true);
  });

  it('leaves a store whose professionals table is not as the previous version made it untouched, at its schema version', async () => {
    const path = dir.file('store.sqlite');
    await previousStore(path);
    const db = openRawStore(path);
    try {
      // Someone with a SQLite tool had already changed the list of states.
      db.unsafeMode(true);
      db.exec('BEGIN');
      db.exec('PRAGMA writable_schema=ON');
      db.prepare("UPDATE sqlite_schema SET sql = replace(sql, '''issued'')', '''issued'', ''lost'')') WHERE name = 'professionals'").run();
      db.exec('PRAGMA writable_schema=RESET');
      db.exec('COMMIT');
    } finally {
      db.close();
    }
    const before = readRawRows(path, PROFESSIONALS);
    await expect(loadDesk(path, 'current')).rejects.toThrow(/did not find the table professionals/);
    expect(readRawRows(path, 'PRAGMA user_version')).toEqual([{ user_version: 12 }]);
    expect(readRawRows(path, "SELECT name FROM sqlite_schema WHERE name = 'dip_paper_items'")).toEqual([]);
    expect(readRawRows(path, PROFESSIONALS)).toEqual(before);
  });
});
