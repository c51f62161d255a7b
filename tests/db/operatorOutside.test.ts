// Which operators exist and which may sign is the trail's word: an operator is added (`operator.add`,
// or the setup's first operator) and disabled (`operator.disable`) only with an entry. A row put into
// `operators` with the store key alone, or a disabled operator enabled again there, would let its
// author sign as someone the desk never admitted: no session takes her, and `audit verify` names her.
// Disabling her in the desk (an entry) is the way back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { verifyAudit } from '../../db/auditReplay';
import { hashPin } from '../../db/pinHash';
import { requireSessions } from '../../db/session';
import { writeTransaction } from '../../db/storeLock';
import { openDesk } from '../../db';
import { openTestDesk, tempDir, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(async () => {
  desk = openTestDesk({ setUp: false });
  desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', pin: '1234', adminPin: '987654', demoProfessionals: 0 });
  desk.handlers['operators:add']({ name: 'Bia Lima' });
  expect((await start('Bia Lima', '4321')).ok).toBe(true);
  expect((await start('Ana Paula', '1234')).ok).toBe(true);
});
afterEach(() => {
  requireSessions(false);
  desk.cleanup();
});

const start = (name: string, pin: string) => desk.dispatch('session:start', { name, pin });
const idOf = (name: string) => desk.store.db.prepare('SELECT id FROM operators WHERE name = ?').pluck().get(name) as number;
const entries = () => desk.store.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
/** What someone with the store key alone does: a row written, no audit entry. */
const insertOutside = (name: string, pinHash: string | null = null) =>
  desk.store.db.prepare("INSERT INTO operators (name, pin_hash, created_at) VALUES (?, ?, '2025-03-10T13:00:00.000Z')").run(name, pinHash);
const enableOutside = (name: string) => desk.store.db.prepare('UPDATE operators SET disabled_at = NULL WHERE name = ?').run(name);

async function refused(name: string, pin: string, message: string): Promise<void> {
  const before = entries();
  const result = await start(name, pin);
  expect(result.ok ? null : result.error).toMatchObject({ code: 'AUDIT_BROKEN', message: expect.stringContaining(message) });
  expect(entries()).toBe(before);
}

describe('an operator put into the store file', () => {
  it('without a PIN: her first session sets none, nothing is written, and audit verify names her', async () => {
    insertOutside('Fantasma');
    await refused('Fantasma', '4321', 'Fantasma foi incluído fora do CRESS Desk');
    expect(desk.store.db.prepare("SELECT pin_hash FROM operators WHERE name = 'Fantasma'").pluck().get()).toBeNull();
    const verified = verifyAudit(desk.store.db);
    expect(verified.ok).toBe(false);
    expect(verified.problem).toContain('Fantasma foi incluído fora do CRESS Desk');
  });

  it('with the hash of a PIN someone chose: no session with it either', async () => {
    insertOutside('Fantasma', hashPin('9999'));
    await refused('Fantasma', '9999', 'Fantasma foi incluído fora do CRESS Desk');
    expect(verifyAudit(desk.store.db).problem).toContain('Fantasma');
  });

  it('is named beside another one, and the operators the desk added are not', () => {
    insertOutside('Fantasma');
    insertOutside('Outro Nome');
    const problem = verifyAudit(desk.store.db).problem ?? '';
    expect(problem).toContain('Fantasma, Outro Nome foram incluídos fora do CRESS Desk');
    expect(problem).not.toContain('Ana Paula');
    expect(problem).not.toContain('Bia Lima');
  });

  it('in the place of an operator the desk added, under another name: the trail added someone else', async () => {
    desk.store.db.prepare("UPDATE operators SET name = 'Fantasma' WHERE name = 'Bia Lima'").run();
    await refused('Fantasma', '4321', 'Fantasma foi incluído fora do CRESS Desk');
  });

  it('stops being a problem once an operator disables her in the desk', async () => {
    insertOutside('Fantasma');
    desk.handlers['operators:disable']({ id: idOf('Fantasma') });
    expect(verifyAudit(desk.store.db).ok).toBe(true);
    const again = await start('Fantasma', '4321');
    expect(again.ok ? null : again.error).toMatchObject({ code: 'OPERATOR_DISABLED' });
  });
});

describe('a disabled operator enabled again in the store file', () => {
  beforeEach(() => {
    desk.handlers['operators:disable']({ id: idOf('Bia Lima') });
  });

  it('starts no session with her own PIN, nothing counted, and audit verify names her', async () => {
    enableOutside('Bia Lima');
    await refused('Bia Lima', '4321', 'Bia Lima foi reativado fora do CRESS Desk');
    expect(desk.store.db.prepare("SELECT failed_pins FROM operators WHERE name = 'Bia Lima'").pluck().get()).toBe(0);
    const verified = verifyAudit(desk.store.db);
    expect(verified.ok).toBe(false);
    expect(verified.problem).toContain('Bia Lima foi reativado fora do CRESS Desk');
  });

  it('is disabled again in the desk, and the trail is intact', () => {
    enableOutside('Bia Lima');
    desk.handlers['operators:disable']({ id: idOf('Bia Lima') });
    expect(verifyAudit(desk.store.db).ok).toBe(true);
  });
});

describe('the operators the desk itself admits', () => {
  it('keep the trail intact: the setup’s first operator, one added, one disabled', async () => {
    desk.handlers['operators:add']({ name: 'Carla Dias' });
    desk.handlers['operators:disable']({ id: idOf('Bia Lima') });
    expect((await start('Carla Dias', '5555')).ok).toBe(true);
    expect((await start('Ana Paula', '1234')).ok).toBe(true);
    expect(verifyAudit(desk.store.db).ok).toBe(true);
  });

  it('include the first operator of a store from before operators (made by migration 0013, no entry)', async () => {
    const dir = tempDir();
    const path = dir.file('older.sqlite');
    const older = openDesk({ path, appVersion: 'test', create: true });
    try {
      const db = older.store.db;
      // As migration 0013 left it: the settings' operator is the first operator, without a PIN or an entry.
      writeTransaction(db, () => {
        db.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Edu Reis', '2025-03-01T09:00:00.000Z', '2025-03-01T09:00:00.000Z')").run();
        appendAudit(db, { at: '2025-03-01T09:00:00.000Z', operator: 'Edu Reis', action: 'settings.setup', entity: 'settings', entityId: null, detail: { region: 9, uf: 'SP', seccional: null, operator: 'Edu Reis' } });
        db.prepare("INSERT INTO operators (name, created_at) VALUES ('Edu Reis', '2025-03-01T09:00:00.000Z')").run();
      });
      expect((await older.dispatch('session:start', { name: 'Edu Reis', pin: '8642' })).ok).toBe(true);
      expect(verifyAudit(db).ok).toBe(true);
    } finally {
      older.close();
      dir.cleanup();
    }
  });
});
