// The PIN hash an operator has is the one the keyed trail last recorded for her. One put in its place
// with the store key alone — a PIN someone else chose, another operator's hash, an older hash of her
// own, a hash where the trail says she has none — would let its author sign in her name: no session
// takes it, and `audit verify` names her. The desk's own changes (first PIN, reset, new PIN) keep the
// trail intact, and entries written before the trail recorded digests are taken as they are.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, replaceLostKey } from '../../db/audit';
import { AUDIT_KEY_ENV } from '../../db/auditKey';
import { verifyAudit } from '../../db/auditReplay';
import { hashPin } from '../../db/pinHash';
import { requireSessions } from '../../db/session';
import { writeTransaction } from '../../db/storeLock';
import { openDesk } from '../../db';
import { openTestDesk, tempDir, type TempDir, type TestDesk } from './fixtures';

const ADMIN_PIN = '987654';
const savedKeyEnv = process.env[AUDIT_KEY_ENV];
let keys: TempDir;
let desk: TestDesk;

beforeEach(async () => {
  // A key of this file's own: one test replaces it.
  keys = tempDir();
  process.env[AUDIT_KEY_ENV] = keys.file('audit.key');
  desk = openTestDesk({ setUp: false });
  desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', pin: '1234', adminPin: ADMIN_PIN, demoProfessionals: 0 });
  desk.handlers['operators:add']({ name: 'Bia Lima' });
  expect((await start('Bia Lima', '4321')).ok).toBe(true);
});
afterEach(() => {
  requireSessions(false);
  desk.cleanup();
  keys.cleanup();
  if (savedKeyEnv === undefined) delete process.env[AUDIT_KEY_ENV];
  else process.env[AUDIT_KEY_ENV] = savedKeyEnv;
});

const start = (name: string, pin: string) => desk.dispatch('session:start', { name, pin });
const idOf = (name: string) => desk.store.db.prepare('SELECT id FROM operators WHERE name = ?').pluck().get(name) as number;
const hashOf = (name: string) => desk.store.db.prepare('SELECT pin_hash FROM operators WHERE name = ?').pluck().get(name) as string | null;
/** What someone with the store key alone does: an UPDATE, no audit entry. */
const putHash = (name: string, hash: string | null) => desk.store.db.prepare('UPDATE operators SET pin_hash = ? WHERE name = ?').run(hash, name);
const reset = (name: string) => desk.handlers['operators:resetPin']({ id: idOf(name), adminPin: ADMIN_PIN });

async function refusedAsChanged(name: string, pin: string): Promise<void> {
  const refused = await start(name, pin);
  expect(refused.ok ? null : refused.error).toMatchObject({ code: 'AUDIT_BROKEN', message: expect.stringContaining(`O PIN de ${name} foi trocado fora do CRESS Desk`) });
}

describe('a PIN hash replaced outside the desk', () => {
  it('by the hash of a PIN someone else chose: no session with either PIN, nothing counted, and audit verify names her', async () => {
    putHash('Bia Lima', hashPin('9999'));
    await refusedAsChanged('Bia Lima', '9999');
    await refusedAsChanged('Bia Lima', '4321');
    expect(desk.store.db.prepare("SELECT failed_pins FROM operators WHERE name = 'Bia Lima'").pluck().get()).toBe(0);
    const verified = verifyAudit(desk.store.db);
    expect(verified.ok).toBe(false);
    expect(verified.problem).toContain('O PIN de Bia Lima foi trocado fora do CRESS Desk');
  });

  it('by the hash of another operator of the same store', async () => {
    desk.handlers['operators:add']({ name: 'Carla Dias' });
    expect((await start('Carla Dias', '5555')).ok).toBe(true);
    putHash('Bia Lima', hashOf('Carla Dias'));
    await refusedAsChanged('Bia Lima', '5555');
    expect((await start('Carla Dias', '5555')).ok).toBe(true);
    const problem = verifyAudit(desk.store.db).problem ?? '';
    expect(problem).toContain('Bia Lima');
    expect(problem).not.toContain('Carla Dias');
  });

  it('by her own older hash, after she chose a new PIN', async () => {
    const older = hashOf('Bia Lima');
    reset('Bia Lima');
    expect((await start('Bia Lima', '2468')).ok).toBe(true);
    putHash('Bia Lima', older);
    await refusedAsChanged('Bia Lima', '4321');
    expect(verifyAudit(desk.store.db).ok).toBe(false);
  });

  it('where the trail says there is none: after the administrator cleared it, or for an operator who never had one', async () => {
    reset('Bia Lima');
    desk.handlers['operators:add']({ name: 'Dora Melo' });
    putHash('Bia Lima', hashPin('9999'));
    putHash('Dora Melo', hashPin('9999'));
    await refusedAsChanged('Bia Lima', '9999');
    await refusedAsChanged('Dora Melo', '9999');
    expect(verifyAudit(desk.store.db).problem).toContain('O PIN de Bia Lima, Dora Melo foi trocado fora do CRESS Desk');
  });

  it('is named beside a PIN cleared outside the desk', async () => {
    desk.handlers['operators:add']({ name: 'Carla Dias' });
    expect((await start('Carla Dias', '5555')).ok).toBe(true);
    putHash('Bia Lima', hashPin('9999'));
    putHash('Carla Dias', null);
    const problem = verifyAudit(desk.store.db).problem ?? '';
    expect(problem).toContain('O PIN de Carla Dias foi apagado fora do CRESS Desk');
    expect(problem).toContain('O PIN de Bia Lima foi trocado fora do CRESS Desk');
  });

  it('opens the way again once the administrator resets it', async () => {
    putHash('Bia Lima', hashPin('9999'));
    reset('Bia Lima');
    expect((await start('Bia Lima', '1357')).ok).toBe(true);
    expect(verifyAudit(desk.store.db).ok).toBe(true);
  });
});

describe('the PINs the desk itself sets', () => {
  it('keep the trail intact: a first PIN, a reset and a new PIN, each session checked against it', async () => {
    expect(verifyAudit(desk.store.db).ok).toBe(true);
    reset('Bia Lima');
    expect(verifyAudit(desk.store.db).ok).toBe(true);
    expect((await start('Bia Lima', '2468')).ok).toBe(true);
    expect((await start('Bia Lima', '2468')).ok).toBe(true);
    expect((await start('Ana Paula', '1234')).ok).toBe(true);
    expect(verifyAudit(desk.store.db).ok).toBe(true);
  });

  it('are recorded as a keyed digest, never the hash or a part of it', () => {
    const hash = hashOf('Bia Lima')!;
    const detail = JSON.parse(
      desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'operator.pin_set' AND entity_id = ? ORDER BY id DESC LIMIT 1").pluck().get(String(idOf('Bia Lima'))) as string,
    ) as Record<string, unknown>;
    expect(detail).toEqual({ name: 'Bia Lima', pinDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const trail = desk.store.db.prepare('SELECT detail FROM audit_log').pluck().all().join('\n');
    for (const part of hash.split('$').slice(4)) expect(trail).not.toContain(part);
  });

  it('recorded under a key that was lost and replaced are taken as they are, until the next PIN change', async () => {
    rmSync(keys.file('audit.key'));
    replaceLostKey(desk.store.db, '2025-03-10T14:00:00.000Z');
    expect((await start('Bia Lima', '4321')).ok).toBe(true);
    reset('Bia Lima');
    expect((await start('Bia Lima', '2468')).ok).toBe(true);
    putHash('Bia Lima', hashPin('9999'));
    await refusedAsChanged('Bia Lima', '9999');
  });
});

describe('a store whose PIN entries hold no digest (written before the trail recorded them)', () => {
  it('opens again, starts sessions and verifies intact, the first operator whose setup left no entry included', async () => {
    const path = keys.file('older.sqlite');
    const older = openDesk({ path, appVersion: 'test', create: true });
    try {
      older.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
      older.handlers['operators:add']({ name: 'Edu Reis' });
      const db = older.store.db;
      const edu = db.prepare("SELECT id FROM operators WHERE name = 'Edu Reis'").pluck().get() as number;
      // As older desks wrote them: a setup's PIN with no entry at all, a first session's with an entry holding no digest.
      writeTransaction(db, () => {
        db.prepare("UPDATE operators SET pin_hash = ? WHERE name = 'Ana Paula'").run(hashPin('1234'));
        db.prepare('UPDATE operators SET pin_hash = ? WHERE id = ?').run(hashPin('8642'), edu);
        appendAudit(db, { at: '2025-03-10T13:00:00.000Z', operator: 'Edu Reis', action: 'operator.pin_set', entity: 'operator', entityId: String(edu), detail: { name: 'Edu Reis' } });
      });
    } finally {
      older.close();
    }
    const reopened = openDesk({ path, appVersion: 'test' });
    try {
      expect((await reopened.dispatch('session:start', { name: 'Edu Reis', pin: '8642' })).ok).toBe(true);
      expect((await reopened.dispatch('session:start', { name: 'Ana Paula', pin: '1234' })).ok).toBe(true);
      expect(verifyAudit(reopened.store.db).ok).toBe(true);
    } finally {
      reopened.close();
    }
  });
});
