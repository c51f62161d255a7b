// A store of the version before conflicts named the correction that closed them, opened by this one:
// a conflict a correction closed there is linked to that correction, so cancelling it still opens
// the conflict again; one a registry load closed at another instant is linked to nothing.
import { expect, it } from 'vitest';
import { migrationTests, storeBefore } from './migrationDesk';

const TAG = '0016_conflict_closed_by';
const { dir, withDesk } = migrationTests(TAG);

const UUID = '00000000-0000-4000-8000-000000000016';
const SAVED_AT = '2026-03-05T14:00:00.000Z';

/**
 * What that version left, in its own SQL: Ana Paula's desk, Maria's e-mail corrected to `email`
 * (pending) at SAVED_AT, and a conflict on her e-mail — the main system's msouza@uol.com.br against
 * her old address — closed without a choice at each instant of `closedAt`.
 */
function previousStore(path: string, email: string, closedAt: string[]): void {
  storeBefore(TAG, path, (db) => {
    const at = '2026-03-01T09:00:00.000Z';
    db.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Ana Paula', ?, ?)").run(at, at);
    db.prepare("INSERT INTO operators (name, created_at) VALUES ('Ana Paula', ?)").run(at);
    db.prepare(
      `INSERT INTO professionals (id, registration_number, cpf, name, name_folded, mother_name, mother_not_listed, email, dip_status, row_version, created_at, updated_at)
       VALUES (1, '50001', '52998224725', 'Maria Souza', 'maria souza', 'Antônia Souza', 0, ?, 'none', 2, ?, ?)`,
    ).run(email, at, SAVED_AT);
    db.prepare(
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date, operator, created_at, status)
       VALUES (?, 1, 'email', 'maria.souza@gmail.com', ?, 'Documento apresentado no balcão', 'RG', 'in_person', '2026-03-05', 'Ana Paula', ?, 'pending')`,
    ).run(UUID, email, SAVED_AT);
    const conflict = db.prepare(
      `INSERT INTO registry_conflicts (professional_id, field, desk_value, file_value, correction_uuid, created_at, resolved_at, resolution, operator)
       VALUES (1, 'email', 'maria.souza@gmail.com', 'msouza@uol.com.br', ?, '2026-03-01T10:00:00.000Z', ?, NULL, 'Ana Paula')`,
    );
    for (const resolvedAt of closedAt) conflict.run(UUID, resolvedAt);
  });
}

const cancelCorrection = { uuid: UUID, reason: 'Corrigido por engano' };

it('links the conflicts a correction closed to it, and cancelling it opens them again', async () => {
  const path = dir.file('store.sqlite');
  // One closed by a load before the correction, one at the instant the correction was saved.
  previousStore(path, 'msouza@uol.com.br', ['2026-03-02T10:00:00.000Z', SAVED_AT]);

  await withDesk(path, 'current', async (current) => {
    const links = () => current.store.db.prepare('SELECT id, closed_by AS closedBy, resolved_at IS NULL AS open FROM registry_conflicts ORDER BY id').all();
    expect(links()).toEqual([
      { id: 1, closedBy: null, open: 0 },
      { id: 2, closedBy: UUID, open: 0 },
    ]);
    current.handlers['corrections:cancel'](cancelCorrection);
    expect(links()).toEqual([
      { id: 1, closedBy: null, open: 0 },
      { id: 2, closedBy: null, open: 1 },
    ]);
  });
});

it('does not open again a conflict a load closed at the instant of a correction to another value', async () => {
  const path = dir.file('store.sqlite');
  previousStore(path, 'maria.s@hotmail.com', [SAVED_AT]);

  await withDesk(path, 'current', async (current) => {
    current.handlers['corrections:cancel'](cancelCorrection);
    expect(current.store.db.prepare('SELECT resolved_at IS NULL AS open FROM registry_conflicts').all()).toEqual([{ open: 0 }]);
  });
});
