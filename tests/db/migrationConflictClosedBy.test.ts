// A store of the version before conflicts named the correction that closed them, opened by this one:
// a conflict a correction closed there is linked to that correction, so cancelling it still opens
// the conflict again; one a registry load closed at another instant is linked to nothing.
import { expect, it } from 'vitest';
import { addProfessional, EVIDENCE, REASON } from './fixtures';
import { migrationTests } from './migrationDesk';

const { dir, loadDesk } = migrationTests('0016_conflict_closed_by');

it('links the conflicts a correction closed to it, and cancelling it opens them again', async () => {
  const path = dir.file('store.sqlite');
  const previous = await loadDesk(path, 'previous');
  previous.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
  const p = addProfessional(previous.store);
  const saved = await previous.handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: 1, changes: { email: 'msouza@uol.com.br' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false });
  const uuid = saved.corrections[0]!.uuid;
  // As that version wrote them: one closed by a load before, one at the instant the correction was saved.
  const conflict = previous.store.db.prepare(
    `INSERT INTO registry_conflicts (professional_id, field, desk_value, file_value, correction_uuid, created_at, resolved_at, resolution, operator)
     VALUES (?, 'email', 'maria.souza@gmail.com', 'msouza@uol.com.br', ?, '2026-03-01T10:00:00.000Z', ?, NULL, 'Ana Paula')`,
  );
  conflict.run(p.id, uuid, '2026-03-02T10:00:00.000Z');
  conflict.run(p.id, uuid, saved.corrections[0]!.createdAt);
  previous.store.close();

  const current = await loadDesk(path, 'current');
  try {
    const links = () => current.store.db.prepare('SELECT id, closed_by AS closedBy, resolved_at IS NULL AS open FROM registry_conflicts ORDER BY id').all();
    expect(links()).toEqual([
      { id: 1, closedBy: null, open: 0 },
      { id: 2, closedBy: uuid, open: 0 },
    ]);
    current.handlers['corrections:cancel']({ uuid, reason: 'Corrigido por engano' });
    expect(links()).toEqual([
      { id: 1, closedBy: null, open: 0 },
      { id: 2, closedBy: null, open: 1 },
    ]);
  } finally {
    current.store.close();
  }
});

it('does not open again a conflict a load closed at the instant of a correction to another value', async () => {
  const path = dir.file('store.sqlite');
  const previous = await loadDesk(path, 'previous');
  previous.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
  const p = addProfessional(previous.store);
  const saved = await previous.handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: 1, changes: { email: 'maria.s@hotmail.com' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false });
  const uuid = saved.corrections[0]!.uuid;
  previous.store.db
    .prepare(
      `INSERT INTO registry_conflicts (professional_id, field, desk_value, file_value, correction_uuid, created_at, resolved_at, resolution, operator)
       VALUES (?, 'email', 'maria.souza@gmail.com', 'msouza@uol.com.br', ?, '2026-03-01T10:00:00.000Z', ?, NULL, 'Ana Paula')`,
    )
    .run(p.id, uuid, saved.corrections[0]!.createdAt);
  previous.store.close();

  const current = await loadDesk(path, 'current');
  try {
    current.handlers['corrections:cancel']({ uuid, reason: 'Corrigido por engano' });
    expect(current.store.db.prepare('SELECT resolved_at IS NULL AS open FROM registry_conflicts').all()).toEqual([{ open: 0 }]);
  } finally {
    current.store.close();
  }
});
