// The council's admin PIN hash must be the one the keyed trail last recorded: set at setup or in
// Configurações, each with a keyed digest of the hash. One put in with the store key alone (the hash
// of a PIN someone chose) would clear any operator's PIN, and then its author would choose hers and
// sign as her; one cleared there would let any operator set a new one. Neither is taken for an
// admin action, and `audit verify` names it. Stores set up before the digest are taken as they are.
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { verifyAudit } from '../../db/auditReplay';
import { hashPin } from '../../db/pinHash';
import { requireSessions } from '../../db/session';
import { writeTransaction } from '../../db/storeLock';
import { openTestDesk, type TestDesk } from './fixtures';

const ADMIN_PIN = '987654';
let desk: TestDesk;
afterEach(() => {
  requireSessions(false);
  desk.cleanup();
});

function setUp(adminPin?: string): void {
  desk = openTestDesk({ setUp: false });
  desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', pin: '1234', ...(adminPin ? { adminPin } : {}), demoProfessionals: 0 });
  desk.handlers['operators:add']({ name: 'Bia Lima' });
}

const db = () => desk.store.db;
const start = (name: string, pin: string) => desk.dispatch('session:start', { name, pin });
const idOf = (name: string) => db().prepare('SELECT id FROM operators WHERE name = ?').pluck().get(name) as number;
const entries = () => db().prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
/** What someone with the store key alone does: an UPDATE, no audit entry. */
const putAdminHash = (hash: string | null) => db().prepare('UPDATE settings SET admin_pin_hash = ? WHERE id = 1').run(hash);
const reset = (name: string, adminPin: string) => desk.dispatch('operators:resetPin', { id: idOf(name), adminPin });

async function resetRefused(name: string, adminPin: string, message: string): Promise<void> {
  const before = entries();
  const result = await reset(name, adminPin);
  expect(result.ok ? null : result.error).toMatchObject({ code: 'AUDIT_BROKEN', message: expect.stringContaining(message) });
  expect(entries()).toBe(before);
  expect(db().prepare('SELECT admin_failed_pins FROM settings').pluck().get()).toBe(0);
}

describe('an admin PIN hash put into the store file', () => {
  it('where the setup set one: clears no PIN with either PIN, and audit verify names it', async () => {
    setUp(ADMIN_PIN);
    putAdminHash(hashPin('0000'));
    await resetRefused('Ana Paula', '0000', 'O PIN de administrador do CRESS foi trocado fora do CRESS Desk');
    await resetRefused('Ana Paula', ADMIN_PIN, 'O PIN de administrador do CRESS foi trocado fora do CRESS Desk');
    expect(db().prepare("SELECT pin_hash FROM operators WHERE name = 'Ana Paula'").pluck().get()).not.toBeNull();
    const verified = verifyAudit(db());
    expect(verified.ok).toBe(false);
    expect(verified.problem).toContain('O PIN de administrador do CRESS foi trocado fora do CRESS Desk');
  });

  it('where the setup set none (the first run without an admin PIN)', async () => {
    setUp();
    putAdminHash(hashPin('0000'));
    await resetRefused('Ana Paula', '0000', 'foi trocado fora do CRESS Desk');
    expect(verifyAudit(db()).problem).toContain('PIN de administrador do CRESS');
  });

  it('in place of one set in Configurações', async () => {
    setUp();
    expect((await start('Ana Paula', '1234')).ok).toBe(true);
    desk.handlers['operators:setAdminPin']({ pin: ADMIN_PIN });
    putAdminHash(hashPin('0000'));
    await resetRefused('Bia Lima', '0000', 'foi trocado fora do CRESS Desk');
    expect(verifyAudit(db()).ok).toBe(false);
  });
});

describe('an admin PIN cleared in the store file', () => {
  it('is not set again in Configurações, and audit verify names it', async () => {
    setUp(ADMIN_PIN);
    expect((await start('Ana Paula', '1234')).ok).toBe(true);
    putAdminHash(null);
    const before = entries();
    const result = await desk.dispatch('operators:setAdminPin', { pin: '0000' });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'AUDIT_BROKEN', message: expect.stringContaining('O PIN de administrador do CRESS foi apagado fora do CRESS Desk') });
    expect(entries()).toBe(before);
    expect(verifyAudit(db()).problem).toContain('O PIN de administrador do CRESS foi apagado fora do CRESS Desk');
  });
});

describe('the admin PIN the desk itself sets', () => {
  it('keeps the trail intact, at setup or in Configurações, and clears PINs', async () => {
    setUp(ADMIN_PIN);
    expect((await reset('Ana Paula', ADMIN_PIN)).ok).toBe(true);
    expect(verifyAudit(db()).ok).toBe(true);
    desk.cleanup();
    setUp();
    expect(verifyAudit(db()).ok).toBe(true);
    expect((await start('Ana Paula', '1234')).ok).toBe(true);
    desk.handlers['operators:setAdminPin']({ pin: ADMIN_PIN });
    expect((await reset('Bia Lima', ADMIN_PIN)).ok).toBe(true);
    expect(verifyAudit(db()).ok).toBe(true);
  });

  it('is recorded as a keyed digest, never the hash or a part of it', () => {
    setUp(ADMIN_PIN);
    const hash = db().prepare('SELECT admin_pin_hash FROM settings').pluck().get() as string;
    const setup = JSON.parse(db().prepare("SELECT detail FROM audit_log WHERE action = 'settings.setup'").pluck().get() as string) as Record<string, unknown>;
    expect(setup.adminPinDigest).toMatch(/^[0-9a-f]{64}$/);
    const trail = db().prepare('SELECT detail FROM audit_log').pluck().all().join('\n');
    for (const part of hash.split('$').slice(4)) expect(trail).not.toContain(part);
  });
});

describe('a store whose admin PIN has no digest (set up before the trail recorded it)', () => {
  it('clears PINs with the admin PIN it has, and verifies intact', async () => {
    desk = openTestDesk({ setUp: false });
    const d = db();
    // As older desks left it: a setup entry without the digest, the admin PIN set with an entry holding none.
    writeTransaction(d, () => {
      d.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Ana Paula', '2025-03-01T09:00:00.000Z', '2025-03-01T09:00:00.000Z')").run();
      appendAudit(d, { at: '2025-03-01T09:00:00.000Z', operator: 'Ana Paula', action: 'settings.setup', entity: 'settings', entityId: null, detail: { region: 9, uf: 'SP', seccional: null, operator: 'Ana Paula' } });
      d.prepare("INSERT INTO operators (name, pin_hash, created_at) VALUES ('Ana Paula', ?, '2025-03-01T09:00:00.000Z')").run(hashPin('1234'));
      d.prepare('UPDATE settings SET admin_pin_hash = ?').run(hashPin(ADMIN_PIN));
      appendAudit(d, { at: '2025-03-01T09:00:00.000Z', operator: 'Ana Paula', action: 'settings.admin_pin', entity: 'settings', entityId: null, detail: {} });
    });
    expect((await reset('Ana Paula', ADMIN_PIN)).ok).toBe(true);
    expect(verifyAudit(d).ok).toBe(true);
  });
});
