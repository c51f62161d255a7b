// A PIN is cleared only with the council's administrator PIN, and the trail says so. One cleared with
// the store key alone (an UPDATE outside the desk) would let whoever knows the operator's name choose
// a new PIN and sign as her: no session takes a new PIN for it, and `audit verify` names it. The
// administrator's reset opens the way again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../shared/contract/audit';
import { verifyAudit } from '../../db/auditReplay';
import { requireSessions } from '../../db/session';
import { openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk({ setUp: false });
  desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', pin: '1234', adminPin: '987654', demoProfessionals: 0 });
  desk.handlers['operators:add']({ name: 'Bia Lima' });
});
afterEach(() => {
  requireSessions(false);
  desk.cleanup();
});

const clearOutside = (name: string) => desk.store.db.prepare('UPDATE operators SET pin_hash = NULL WHERE name = ?').run(name);
const start = (name: string, pin: string) => desk.dispatch('session:start', { name, pin });
const idOf = (name: string) => desk.store.db.prepare('SELECT id FROM operators WHERE name = ?').pluck().get(name) as number;

describe('a PIN cleared outside the desk', () => {
  it('takes no new PIN, and audit verify names it — for the first operator and for one who set hers', async () => {
    expect((await start('Bia Lima', '4321')).ok).toBe(true);
    clearOutside('Ana Paula');
    clearOutside('Bia Lima');
    for (const name of ['Ana Paula', 'Bia Lima']) {
      const refused = await start(name, '9999');
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'AUDIT_BROKEN', message: expect.stringContaining(`O PIN de ${name} foi apagado fora do CRESS Desk`) });
    }
    expect(desk.store.db.prepare('SELECT count(*) FROM operators WHERE pin_hash IS NOT NULL').pluck().get()).toBe(0);
    const verified: AuditVerification = verifyAudit(desk.store.db);
    expect(verified).toMatchObject({ ok: false, problemFrom: 'signers', problem: expect.stringContaining('O PIN de Ana Paula, Bia Lima foi apagado fora do CRESS Desk') });
  });

  it('is a PIN to choose again once the administrator reset it', async () => {
    clearOutside('Ana Paula');
    desk.handlers['operators:resetPin']({ id: idOf('Ana Paula'), adminPin: '987654' });
    expect((await start('Ana Paula', '5555')).ok).toBe(true);
    expect(verifyAudit(desk.store.db).ok).toBe(true);
  });

  it('is no problem for an operator who never had one', async () => {
    expect(verifyAudit(desk.store.db).ok).toBe(true);
    expect((await start('Bia Lima', '4321')).ok).toBe(true);
  });
});
