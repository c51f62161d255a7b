// Operators sign the audit trail: a PIN kept only as a slow hash, wrong PINs counted and a wait
// after five, disabled operators kept but refused, resets only with the council's admin PIN, and
// every write signed by the session's operator and the computer's account.
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, verifyAuditChain } from '../../db/audit';
import { auditSummary } from '../../db/auditEntries';
import { requireSessions } from '../../db/session';
import { openRawStore } from '../rawStore';
import { addProfessional, EVIDENCE, openTestDesk, REASON, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk({ setUp: false });
  desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', pin: '1234', demoProfessionals: 0 });
});
afterEach(() => {
  requireSessions(false);
  desk.cleanup();
});

const operators = () => desk.handlers['operators:list']({}) as { operators: { id: number; name: string; hasPin: boolean; disabled: boolean; lockedUntil: string | null }[]; adminPinSet: boolean };
const idOf = (name: string) => operators().operators.find((o) => o.name === name)!.id;
const hashOf = (name: string) => desk.store.db.prepare('SELECT pin_hash FROM operators WHERE name = ?').pluck().get(name) as string | null;
const start = (name: string, pin: string) => desk.dispatch('session:start', { name, pin });

describe('the PIN', () => {
  it('is kept as a slow hash that is not the PIN, with a salt of its own for each operator', async () => {
    desk.handlers['operators:add']({ name: 'Bia Lima' });
    expect(operators().operators.map((o) => [o.name, o.hasPin])).toEqual([['Ana Paula', true], ['Bia Lima', false]]);
    expect((await start('Bia Lima', '1234')).ok).toBe(true);
    const ana = hashOf('Ana Paula')!;
    const bia = hashOf('Bia Lima')!;
    expect(ana).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(ana).not.toContain('1234');
    expect(ana).not.toBe(bia);
    expect(ana.split('$')[4]).not.toBe(bia.split('$')[4]);
    const trail = desk.store.db.prepare('SELECT detail FROM audit_log').pluck().all().join('\n');
    expect(trail).not.toContain(ana.split('$')[5]);
  });

  it('is refused when wrong, and after five wrong ones the operator waits a minute', async () => {
    for (let i = 1; i <= 4; i++) {
      const wrong = await start('Ana Paula', '9999');
      expect(wrong.ok ? null : [wrong.error.code, wrong.error.message]).toEqual(['PIN_WRONG', expect.stringContaining('PIN incorreto')]);
    }
    const fifth = await start('Ana Paula', '9999');
    expect(fifth.ok ? null : [fifth.error.code, fifth.error.message]).toEqual(['PIN_LOCKED', expect.stringContaining('aguarde 1 minuto')]);
    const locked = await start('Ana Paula', '1234');
    expect(locked.ok ? null : locked.error.code).toBe('PIN_LOCKED');
    expect(operators().operators[0]!.lockedUntil).toBe('2025-03-10T13:01:00.000Z');
    desk.setNow('2025-03-10T13:01:01.000Z');
    expect((await start('Ana Paula', '1234')).ok).toBe(true);
  });

  it('of a disabled operator starts no session, and the operator stays listed', async () => {
    desk.handlers['operators:add']({ name: 'Bia Lima' });
    desk.handlers['operators:disable']({ id: idOf('Bia Lima') });
    const refused = await start('Bia Lima', '1234');
    expect(refused.ok ? null : refused.error.code).toBe('OPERATOR_DISABLED');
    expect(operators().operators.map((o) => [o.name, o.disabled])).toEqual([['Ana Paula', false], ['Bia Lima', true]]);
  });

  it("is reset only with the council's admin PIN, and the next session sets a new one", async () => {
    const ana = idOf('Ana Paula');
    const before = await desk.dispatch('operators:resetPin', { id: ana, adminPin: '55555' });
    expect(before.ok ? null : before.error.code).toBe('ADMIN_PIN_WRONG');
    desk.handlers['operators:setAdminPin']({ pin: '55555' });
    expect(operators().adminPinSet).toBe(true);
    const wrong = await desk.dispatch('operators:resetPin', { id: ana, adminPin: '55556' });
    expect(wrong.ok ? null : wrong.error.code).toBe('ADMIN_PIN_WRONG');
    expect(hashOf('Ana Paula')).not.toBeNull();
    expect((await desk.dispatch('operators:resetPin', { id: ana, adminPin: '55555' })).ok).toBe(true);
    expect(hashOf('Ana Paula')).toBeNull();
    expect(await start('Ana Paula', '8642')).toMatchObject({ ok: true, value: { operator: 'Ana Paula', pinSet: true } });
    const old = await start('Ana Paula', '1234');
    expect(old.ok ? null : old.error.code).toBe('PIN_WRONG');
  });
});

describe('operator names', () => {
  it('are one operator whatever the case, the accents’ case or the Unicode form they are typed in', async () => {
    desk.handlers['operators:add']({ name: 'Aná Lima' });
    for (const same of ['ANÁ LIMA', 'aná lima', 'Ana\u0301 Lima']) {
      expect(await desk.dispatch('operators:add', { name: same })).toMatchObject({ ok: false, error: { code: 'OPERATOR_EXISTS' } });
    }
    expect(await start('ANÁ LIMA', '2468')).toMatchObject({ ok: true, value: { operator: 'Aná Lima' } });
  });

  it('are one operator with or without the accents, whichever apostrophe is typed', async () => {
    desk.handlers['operators:add']({ name: "José D'Ávila" });
    for (const same of ["jose d'avila", 'José D\u2019Ávila', "JOSE D'AVILA"]) {
      expect(await desk.dispatch('operators:add', { name: same })).toMatchObject({ ok: false, error: { code: 'OPERATOR_EXISTS' } });
    }
    expect(await start("jose d'avila", '2468')).toMatchObject({ ok: true, value: { operator: "José D'Ávila" } });
  });

  it('typed at set-up with extra spaces or a decomposed accent, sign the first session’s writes as stored', async () => {
    const fresh = openTestDesk({ setUp: false });
    try {
      fresh.handlers['settings:setup']({ region: 9, seccional: null, operator: ' Ana\u0301  Lima ', pin: '1234', demoProfessionals: 0 });
      requireSessions();
      const p = addProfessional(fresh.store);
      const saved = await fresh.dispatch('corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { phone: '(11) 98888-7777' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false });
      expect(saved.ok && (saved.value as { corrections: { operator: string }[] }).corrections[0]?.operator).toBe('Aná Lima');
    } finally {
      fresh.cleanup();
    }
  });

  it('refuse letters of another alphabet that look like Latin ones', async () => {
    const cyrillic = await desk.dispatch('operators:add', { name: '\u0410na Paula' });
    expect(cyrillic).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID', message: expect.stringContaining('letras do alfabeto latino') } });
    expect(operators().operators).toHaveLength(1);
  });
});

describe('the admin PIN', () => {
  it('after five wrong ones is refused for a minute, even when right, and the lock is in the audit trail', async () => {
    desk.handlers['operators:setAdminPin']({ pin: '55555' });
    const ana = idOf('Ana Paula');
    for (let i = 0; i < 4; i++) expect(await desk.dispatch('operators:resetPin', { id: ana, adminPin: `1000${i}` })).toMatchObject({ ok: false, error: { code: 'ADMIN_PIN_WRONG' } });
    expect(await desk.dispatch('operators:resetPin', { id: ana, adminPin: '10009' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    expect(await desk.dispatch('operators:resetPin', { id: ana, adminPin: '55555' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    expect(hashOf('Ana Paula')).not.toBeNull();
    expect(desk.store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'settings.admin_pin_locked'").pluck().get()).toBe(1);

    desk.setNow('2025-03-10T13:01:01.000Z');
    expect((await desk.dispatch('operators:resetPin', { id: ana, adminPin: '55555' })).ok).toBe(true);
  });
});

describe('the audit trail of operators, in words', () => {
  it('names the operator each entry is about, and says when a PIN was locked', async () => {
    desk.handlers['operators:add']({ name: 'Bia Lima' });
    desk.handlers['operators:disable']({ id: idOf('Bia Lima') });
    for (let i = 0; i < 5; i++) await start('Ana Paula', `900${i}`);
    const lines = (desk.store.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'operator.%' ORDER BY id").all() as { action: string; detail: string }[]).map((r) =>
      auditSummary(r.action, JSON.parse(r.detail)),
    );
    expect(lines).toEqual(['PIN definido na configuração da mesa: Ana Paula', 'Operador incluído: Bia Lima', 'Operador desativado: Bia Lima', 'Cinco PINs incorretos seguidos: Ana Paula bloqueado por 1 minuto']);
  });
});

describe('a session whose operator another program changed', () => {
  /** The store as another program (another window, the command line, the browser host) changes it. */
  const elsewhere = (sql: string) => {
    const other = openRawStore(desk.store.path);
    try {
      other.prepare(sql).run();
    } finally {
      other.close();
    }
  };
  const save = () => {
    const p = addProfessional(desk.store);
    return desk.dispatch('corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { phone: '(11) 98888-7777' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false });
  };

  it.each([
    ['the operator is disabled', "UPDATE operators SET disabled_at = '2026-03-10T12:00:00.000Z' WHERE name = 'Bia Lima'", 'foi desativado'],
    ['the operator’s PIN is cleared', "UPDATE operators SET pin_hash = NULL WHERE name = 'Bia Lima'", 'teve o PIN apagado'],
  ])('ends when, in another program, %s: the next write is refused, nothing is signed in that name', async (_, sql, why) => {
    requireSessions();
    desk.handlers['operators:add']({ name: 'Bia Lima' });
    expect(await start('Bia Lima', '2468')).toMatchObject({ ok: true });
    expect((await save()).ok).toBe(true);
    const entries = desk.store.db.prepare('SELECT count(*) FROM audit_log').pluck().get();

    elsewhere(sql);

    const refused = await save();
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'SESSION_REQUIRED', message: expect.stringContaining(`A sessão de Bia Lima terminou: o operador ${why} em outro programa`) });
    expect(desk.store.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(entries);
    expect((desk.handlers['app:info']({}) as { sessionOperator: string | null }).sessionOperator).toBeNull();
  });

  it('goes on when nothing about its operator changed', async () => {
    requireSessions();
    desk.handlers['operators:add']({ name: 'Bia Lima' });
    await start('Bia Lima', '2468');
    elsewhere("UPDATE operators SET failed_pins = 1 WHERE name = 'Ana Paula'");
    expect((await save()).ok).toBe(true);
  });
});

describe('the session', () => {
  it("signs each write with its operator and the computer's account, and the chain verifies", async () => {
    requireSessions();
    desk.handlers['operators:add']({ name: 'Bia Lima' });
    desk.handlers['session:end']({});
    const p = addProfessional(desk.store);
    const correction = { professionalId: p.id, expectedRowVersion: 1, changes: { phone: '(11) 98888-7777' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false };
    const refused = await desk.dispatch('corrections:save', correction);
    expect(refused.ok ? null : refused.error.code).toBe('SESSION_REQUIRED');
    expect(await start('Bia Lima', '2468')).toMatchObject({ ok: true });
    const saved = await desk.dispatch('corrections:save', correction);
    expect(saved.ok && (saved.value as { corrections: { operator: string }[] }).corrections.map((c) => c.operator)).toEqual(['Bia Lima']);
    const entry = desk.store.db.prepare("SELECT operator, account FROM audit_log WHERE action LIKE 'correction%' ORDER BY id DESC LIMIT 1").get();
    expect(entry).toEqual({ operator: 'Bia Lima', account: userInfo().username });
    expect(verifyAuditChain(desk.store.db)).toMatchObject({ ok: true });
  });

  it('finds a changed account on an entry: the account is covered by the chain', () => {
    const triggers = desk.store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
    for (const name of triggers) desk.store.db.exec(`DROP TRIGGER "${name}"`);
    desk.store.db.prepare("UPDATE audit_log SET account = 'outra-conta' WHERE id = (SELECT max(id) FROM audit_log)").run();
    expect(verifyAuditChain(desk.store.db)).toMatchObject({ ok: false });
  });

  it('hashes an entry written before accounts were recorded exactly as it always did', () => {
    const row = { id: 1, at: '2024-01-15T12:00:00.000Z', operator: 'Ana Paula', action: 'settings.setup', entity: 'settings', entity_id: null, detail: '{}', account: null };
    const before = createHash('sha256').update(`${GENESIS_HASH}\n${JSON.stringify([1, row.at, row.operator, row.action, row.entity, null, '{}'])}`).digest('hex');
    expect(entryHash(GENESIS_HASH, row)).toBe(before);
  });
});
