import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db';
import { addProfessional, EVIDENCE, openTestDesk, REASON, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(async () => {
  desk = openTestDesk();
  const p = addProfessional(desk.store);
  for (const [i, email] of ['um@exemplo.com.br', 'dois@exemplo.com.br', 'tres@exemplo.com.br'].entries()) {
    const result = await desk.dispatch('corrections:save', { professionalId: p.id, expectedRowVersion: i + 1, changes: { email }, reason: REASON, evidence: EVIDENCE });
    expect(result.ok).toBe(true);
  }
});
afterEach(() => desk.cleanup());

const db = () => desk.store.db;

describe('the audit trail', () => {
  it('verifies a chain written by the app', async () => {
    expect(await desk.dispatch('audit:verify', {})).toEqual({ ok: true, value: { ok: true, entries: 4, brokenAt: null, problem: null, problemFrom: null, notices: [], signedFrom: 1, rows: [], rowProblems: 0 } });
  });

  it('refuses to change or remove an entry', () => {
    expect(() => db().prepare("UPDATE audit_log SET operator = 'Outra' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM audit_log WHERE id = 4').run()).toThrow(/append-only/);
  });

  it('finds an entry edited behind the trigger', () => {
    db().exec('DROP TRIGGER audit_log_no_update');
    // Someone rewrites what a correction changed to.
    db().prepare(`UPDATE audit_log SET detail = replace(detail, 'dois@', 'outro@') WHERE id = 3`).run();
    expect(db().prepare('SELECT detail FROM audit_log WHERE id = 3').get()).toEqual({ detail: expect.stringContaining('outro@') });
    const result = verifyAuditChain(db());
    expect(result).toMatchObject({ ok: false, entries: 4, brokenAt: 3 });
    expect(result.problem).toContain('A entrada 3 do histórico foi alterada');
  });

  it.each([
    ['the newest entry', 4, { ok: false, entries: 3, brokenAt: 4, problem: expect.stringContaining('foi apagada') }],
    ['an entry from the middle', 2, { ok: false, brokenAt: 3 }],
  ])('finds %s deleted behind the trigger', (_entry, id, found) => {
    db().exec('DROP TRIGGER audit_log_no_delete');
    db().prepare('DELETE FROM audit_log WHERE id = ?').run(id);
    expect(verifyAuditChain(db())).toMatchObject(found);
  });

  it('finds an entry slipped in without the app', () => {
    const last = db().prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string };
    db()
      .prepare("INSERT INTO audit_log (at, operator, action, entity, entity_id, detail, prev_hash, hash) VALUES ('x', 'x', 'x', 'x', NULL, '{}', ?, ?)")
      .run(last.hash, '0'.repeat(64));
    expect(verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: 5 });
  });
});

describe('audit summaries', () => {
  it('describe every action the desk records in Portuguese, never by its code', async () => {
    const { auditSummary } = await import('../../db/auditEntries');
    const actions = ['correction.save', 'settings.setup', 'settings.update', 'cep.save', 'import.run', 'import.undo', 'batch.create', 'batch.seal', 'batch.cancel', 'batch.export', 'batch.send', 'batch.acknowledge', 'backup.create', 'backup.implanta', 'backup.restore', 'backup.settings', 'registry.demo'];
    for (const action of actions) expect(auditSummary(action, { file: '/x/CRESS09-backup-20261124-101010.zip' })).not.toBe(action);
    expect(auditSummary('backup.create', { file: '/x/CRESS09-backup-20261124-101010.zip', encrypted: true })).toBe('Backup criado com senha: CRESS09-backup-20261124-101010.zip');
  });
});
