// The store changed by another program while the desk keeps it open all day (the app, the browser
// host): a row edited with a SQLite tool, a trigger planted to rewrite what the clerk saves, a
// guard dropped. What must hold: the desk's next write neither seals the edit in nor runs under the
// planted trigger — it records what it found in the chain, puts the guards back first, and `audit
// verify` names the edited row — while the desk's own writes from its other connections (an import
// written by a job) are never taken for someone else's.
import type Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../db/auditReplay';
import { openJobConnection } from '../../db/connections';
import { checkGuards } from '../../db/storeGuards';
import { writeTransaction } from '../../db/storeLock';
import type { Professional } from '../../shared/domain';
import { importInput, jobContext, runImport, withImportStepRows } from '../fixtures/imports/jobs';
import { openRawStore } from '../rawStore';
import { createHandlers, openStore } from '../../db';
import { addProfessional, EVIDENCE, openTestDesk, REASON, type TestDesk } from './fixtures';

let desk: TestDesk;
let maria: Professional;

beforeEach(() => {
  desk = openTestDesk();
  maria = addProfessional(desk.store, { registrationNumber: '40001', motherName: 'Antônia da Silva' });
  save({ email: 'nova@exemplo.com.br' });
});
afterEach(() => desk.cleanup());

function save(changes: Record<string, unknown>, who: Professional = maria) {
  const current = (desk.handlers['registry:get']({ id: who.id }) as { professional: Professional }).professional;
  return desk.handlers['corrections:save']({ professionalId: who.id, expectedRowVersion: current.rowVersion, changes, reason: REASON, evidence: EVIDENCE } as never) as {
    corrections: { uuid: string; field: string }[];
  };
}

/** Another program on the same file while the desk holds it open (WAL lets both in). */
function meanwhile(fn: (db: Database.Database) => void): void {
  const db = openRawStore(desk.store.path);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

const entries = (action: string) =>
  (desk.store.db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
const triggerNames = () => desk.store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all() as string[];

describe('a row edited by another program while the desk is open', () => {
  it('is not sealed in by the desk’s next write: the chain records it and verify names the record and field', () => {
    meanwhile((db) => db.prepare("UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE registration_number = '40001'").run());
    save({ phone: '11987654321' });
    expect(entries('store.outside_changes')).toEqual([expect.objectContaining({ professionals: 1, corrections: 0, found: 'write', rows: [{ t: 'p', id: maria.id, c: ['mother_name'] }] })]);
    const result = verifyAudit(desk.store.db);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['mother_name'] })]);
    expect(result.notices.join(' ')).toMatch(/antes de uma gravação, havia 1 cadastro alterado e 0 correções alteradas por outro programa/);
    expect(JSON.stringify(result)).not.toContain('Outra Pessoa');
  });

  it('is not sealed in by the steps of an import being written meanwhile either', () => {
    const people = Array.from({ length: 40 }, (_, i) => addProfessional(desk.store, { registrationNumber: String(60_000 + i) }));
    const bystander = addProfessional(desk.store, { registrationNumber: '40002' });
    const path = desk.file('emails.csv');
    writeFileSync(path, ['CPF;E-mail', ...people.map((p, i) => `${p.cpf};passo.${i}@exemplo.com.br`)].join('\r\n'), 'latin1');
    const context = jobContext(desk.store.path);
    let edited = false;
    const progress = context.progress;
    context.progress = (p) => {
      progress(p);
      // Half-way through the file, between two of the import's steps, another program edits a record the file does not name.
      if (!edited && p.done >= 20 && desk.store.db.prepare("SELECT count(*) FROM corrections WHERE source = 'import'").pluck().get() !== 0) {
        edited = true;
        meanwhile((db) => db.prepare("UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE id = ?").run(bystander.id));
      }
    };
    const summary = withImportStepRows(4, () => runImport(importInput(path, { kind: 'corrections' }), context));
    expect(edited).toBe(true);
    expect(summary).toMatchObject({ written: true, accepted: 40 });
    expect(entries('store.outside_changes')).toEqual([expect.objectContaining({ professionals: 1, found: 'write', rows: [{ t: 'p', id: bystander.id, c: ['mother_name'] }] })]);
    expect(verifyAudit(desk.store.db).rows).toEqual([expect.objectContaining({ registrationNumber: '40002', fields: ['mother_name'] })]);
  });

  it('is recorded once: later writes of the desk find nothing more', () => {
    meanwhile((db) => db.prepare("UPDATE corrections SET new_value = 'x@y.com' WHERE professional_id = ?").run(maria.id));
    save({ phone: '11987654321' });
    save({ city: 'Santos' });
    expect(entries('store.outside_changes')).toEqual([expect.objectContaining({ professionals: 0, corrections: 1, found: 'write' })]);
  });
});

describe('a row edited with the seal queue’s triggers dropped, then made again as they were', () => {
  /** What leaves no trace in the queue and no trigger out of place: only the row's seal still tells. */
  const editUnqueued = (db: Database.Database, sql: string) => {
    const made = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'professionals_unsealed_update'").pluck().get() as string;
    db.exec('DROP TRIGGER professionals_unsealed_update');
    db.prepare(sql).run();
    db.exec(made);
  };

  it('is recorded before the clerk’s next save of that record, which would otherwise seal the edit in', () => {
    meanwhile((db) => editUnqueued(db, `UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE id = ${maria.id}`));
    save({ phone: '11987654321' });
    expect(entries('store.outside_changes')).toEqual([expect.objectContaining({ professionals: 1, found: 'write', rows: [{ t: 'p', id: maria.id, c: ['mother_name'] }] })]);
    expect(verifyAudit(desk.store.db).rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['mother_name'] })]);
  });

  it('is also found when the desk was closed meanwhile, and the desk’s own repeated saves are never taken for it', () => {
    save({ phone: '11987654321' });
    save({ city: 'Santos' });
    expect(entries('store.outside_changes')).toEqual([]);
    desk.store.close();
    const db = openRawStore(desk.store.path);
    editUnqueued(db, `UPDATE professionals SET email = 'outro@exemplo.com' WHERE id = ${maria.id}`);
    db.close();
    // Opening finds every trigger as made and nothing queued: only the seal tells, at the next save.
    const again = openStore({ path: desk.store.path });
    try {
      const handlers = createHandlers(again, { appVersion: '0.0.0-test', now: () => new Date('2025-03-10T13:00:00.000Z') });
      const current = (handlers['registry:get']({ id: maria.id }) as { professional: Professional }).professional;
      handlers['corrections:save']({ professionalId: maria.id, expectedRowVersion: current.rowVersion, changes: { city: 'Campinas' }, reason: REASON, evidence: EVIDENCE } as never);
      const recorded = again.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.outside_changes'").pluck().all() as string[];
      expect(recorded.map((d) => JSON.parse(d))).toEqual([expect.objectContaining({ rows: [{ t: 'p', id: maria.id, c: ['email'] }], found: 'write' })]);
      expect(verifyAudit(again.db).rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['email'] })]);
    } finally {
      again.close();
    }
  });
});

describe('triggers changed by another program while the desk is open', () => {
  it('a planted trigger is removed before the desk’s next write runs, so it never rewrites what the clerk saved', () => {
    meanwhile((db) => db.exec("CREATE TRIGGER sneaky AFTER INSERT ON corrections BEGIN UPDATE corrections SET new_value = 'golpe@exemplo.com' WHERE id = NEW.id; END"));
    const saved = save({ email: 'certa@exemplo.com.br' });
    const stored = desk.store.db.prepare('SELECT new_value FROM corrections WHERE uuid = ?').pluck().get(saved.corrections[0]!.uuid);
    expect(stored).toBe('certa@exemplo.com.br');
    expect(triggerNames()).not.toContain('sneaky');
    expect(entries('store.guards_restored')).toEqual([{ missing: [], altered: [], foreign: ['sneaky'], found: 'write' }]);
    expect(verifyAudit(desk.store.db)).toMatchObject({ ok: true, rows: [] });
  });

  it('a guard dropped is back before the next write, and the rows edited while the row-seal triggers were gone are named', () => {
    meanwhile((db) => {
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER professionals_unsealed_update');
      db.prepare("UPDATE professionals SET city = 'Campinas' WHERE registration_number = '40001'").run();
    });
    save({ phone: '11987654321' });
    expect(checkGuards(desk.store.db)).toEqual({ missing: [], altered: [], foreign: [] });
    expect(() => desk.store.db.prepare("UPDATE audit_log SET operator = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(entries('store.guards_restored')).toEqual([expect.objectContaining({ missing: expect.arrayContaining(['audit_log_no_update', 'professionals_unsealed_update']), found: 'write' })]);
    expect(verifyAudit(desk.store.db).rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['city'] })]);
  });

  it('a job’s own connection checks too: a trigger planted before the job began is gone before it writes', () => {
    meanwhile((db) => db.exec("CREATE TRIGGER sneaky BEFORE UPDATE ON settings BEGIN SELECT RAISE(ABORT, 'planted'); END"));
    const job = openJobConnection(desk.store.path);
    try {
      writeTransaction(job, () => job.prepare("UPDATE settings SET operator = 'Ana Paula'").run());
    } finally {
      job.close();
    }
    expect(triggerNames()).not.toContain('sneaky');
    expect(entries('store.guards_restored')).toEqual([expect.objectContaining({ foreign: ['sneaky'], found: 'write' })]);
  });
});

describe('the desk’s own writes from its other connections', () => {
  it('an import written in steps by a job, its triggers deferred, is never taken for another program’s', () => {
    const people = Array.from({ length: 60 }, (_, i) => addProfessional(desk.store, { registrationNumber: String(50_000 + i) }));
    const path = desk.file('emails.csv');
    writeFileSync(path, ['CPF;E-mail', ...people.map((p, i) => `${p.cpf};lote.${i}@exemplo.com.br`)].join('\r\n'), 'latin1');
    const summary = withImportStepRows(8, () => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path)));
    expect(summary).toMatchObject({ written: true, accepted: 60 });
    save({ phone: '11987654321' });
    save({ email: 'depois@exemplo.com.br' }, people[3]);
    expect(entries('store.guards_restored')).toEqual([]);
    expect(entries('store.outside_changes')).toEqual([]);
    expect(verifyAudit(desk.store.db)).toMatchObject({ ok: true, rows: [] });
  });
});
