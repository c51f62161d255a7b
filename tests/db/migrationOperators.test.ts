// A store of the version before operators, opened by this one: the desk's operator becomes the first
// operator with no PIN yet, the first to choose it sets the PIN, and the trail written before —
// entries without the computer's account — still verifies beside the new ones.
import { userInfo } from 'node:os';
import { expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { migrationTests, storeBefore } from './migrationDesk';

const TAG = '0013_operators';
const { dir, withDesk } = migrationTests(TAG);

/**
 * What that version left, its rows in its own SQL: Ana Paula's desk and a phone corrected on a
 * record, each written with its entry in the trail (the trail's writer knows a trail without the
 * computer's account, as that version's was).
 */
function previousStore(path: string): void {
  storeBefore(TAG, path, (db) => {
    const at = '2026-03-01T09:00:00.000Z';
    db.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Ana Paula', ?, ?)").run(at, at);
    appendAudit(db, { at, operator: 'Ana Paula', action: 'settings.setup', entity: 'settings', entityId: '1', detail: { region: 9 } });
    const saved = '2026-03-05T14:00:00.000Z';
    db.prepare(
      `INSERT INTO professionals (id, registration_number, cpf, name, name_folded, mother_name, mother_not_listed, phone, dip_status, row_version, created_at, updated_at)
       VALUES (1, '50001', '52998224725', 'Maria Souza', 'maria souza', 'Antônia Souza', 0, '(11) 98888-7777', 'none', 2, ?, ?)`,
    ).run(at, saved);
    db.prepare(
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date, operator, created_at, status)
       VALUES ('00000000-0000-4000-8000-000000000013', 1, 'phone', NULL, '(11) 98888-7777', 'Documento apresentado no balcão', 'RG', 'in_person', '2026-03-05', 'Ana Paula', ?, 'pending')`,
    ).run(saved);
    appendAudit(db, { at: saved, operator: 'Ana Paula', action: 'correction.save', entity: 'professional', entityId: '1', detail: { fields: ['phone'] } });
  });
}

it("makes the older store's operator the first operator, whose first session sets the PIN, and its trail still verifies", async () => {
  const path = dir.file('store.sqlite');
  previousStore(path);

  await withDesk(path, 'current', async (current) => {
    expect(current.handlers['operators:list']({})).toEqual({ operators: [{ id: 1, name: 'Ana Paula', hasPin: false, disabled: false, lockedUntil: null }], adminPinSet: false });
    expect(await current.handlers['session:start']({ name: 'Ana Paula', pin: '2580' })).toEqual({ operator: 'Ana Paula', pinSet: true });
    const trail = current.store.db.prepare('SELECT action, operator, account FROM audit_log ORDER BY id').all();
    expect(trail.slice(-3)).toEqual([
      { action: 'settings.setup', operator: 'Ana Paula', account: null },
      { action: 'correction.save', operator: 'Ana Paula', account: null },
      { action: 'operator.pin_set', operator: 'Ana Paula', account: userInfo().username },
    ]);
    expect(await current.handlers['audit:verify']({})).toMatchObject({ ok: true });
  });
});
