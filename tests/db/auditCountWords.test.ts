// A history of a year's work holds thousands of entries and records: when its newest entries are
// deleted, or records edited, behind the desk's back, the counts are written as a clerk reads them
// ("1.236"), not as a run of digits.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appendAudit, sealWritten, verifyAuditChain } from '../../db/audit';
import { verifyAudit } from '../../db/auditReplay';
import { generateDemoProfessionals } from '../../db/demo';
import { openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
const dotted = (n: number) => n.toString().replace(/\B(?=(\d{3})+$)/, '.');

beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

it('says the entries deleted from the end of a long history with thousands separated', () => {
  const db = desk.store.db;
  db.transaction(() => {
    for (let i = 0; i < 1_240; i++) appendAudit(db, { at: '2026-03-11T10:00:00.000Z', operator: 'Ana Paula', action: 'registry.demo', entity: 'registry', entityId: null, detail: { i } });
  })();
  const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  expect(total).toBeGreaterThan(1_002);
  db.exec('DROP TRIGGER audit_log_no_delete');
  db.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)').run();

  expect(verifyAuditChain(db).problem).toBe(`As últimas 2 entradas do histórico foram apagadas: o histórico deveria ter ${dotted(total)} entradas e tem ${dotted(total - 2)}.`);
});

it('says how many records were edited behind the desk’s back with thousands separated', () => {
  const db = desk.store.db;
  generateDemoProfessionals(db, { count: 1_234, region: 9, seed: 7 });
  sealWritten(db);
  db.prepare("UPDATE professionals SET email = 'outro.' || id || '@exemplo.com.br'").run();
  db.prepare('DELETE FROM audit_unsealed').run();
  const found = verifyAudit(db);
  expect(found).toMatchObject({ ok: false, rowProblems: 1_234 });
  expect(found.problem).toMatch(/^1\.234 registros não conferem com o histórico\. Primeiro: /);
});
