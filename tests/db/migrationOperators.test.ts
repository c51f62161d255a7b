// A store of the version before operators, opened by this one: the desk's operator becomes the first
// operator with no PIN yet, the first to choose it sets the PIN, and the trail written before —
// entries without the computer's account — still verifies beside the new ones.
import { userInfo } from 'node:os';
import { expect, it } from 'vitest';
import { addProfessional, EVIDENCE, REASON } from './fixtures';
import { migrationTests } from './migrationDesk';

const { dir, loadDesk } = migrationTests('0013_operators');

it("makes the older store's operator the first operator, whose first session sets the PIN, and its trail still verifies", async () => {
  const path = dir.file('store.sqlite');
  const previous = await loadDesk(path, 'previous');
  previous.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
  const p = addProfessional(previous.store);
  await previous.handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: 1, changes: { phone: '(11) 98888-7777' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false });
  previous.store.close();

  const current = await loadDesk(path, 'current');
  try {
    expect(current.handlers['operators:list']({})).toEqual({ operators: [{ id: 1, name: 'Ana Paula', hasPin: false, disabled: false, lockedUntil: null }], adminPinSet: false });
    expect(await current.handlers['session:start']({ name: 'Ana Paula', pin: '2580' })).toEqual({ operator: 'Ana Paula', pinSet: true });
    const trail = current.store.db.prepare('SELECT action, operator, account FROM audit_log ORDER BY id').all();
    expect(trail.slice(-3)).toEqual([
      { action: 'settings.setup', operator: 'Ana Paula', account: null },
      { action: 'correction.save', operator: 'Ana Paula', account: null },
      { action: 'operator.pin_set', operator: 'Ana Paula', account: userInfo().username },
    ]);
    expect(await current.handlers['audit:verify']({})).toMatchObject({ ok: true });
  } finally {
    current.store.close();
  }
});
