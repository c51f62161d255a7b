// Bulk writes do the work of some row triggers themselves, after the rows, with the triggers
// dropped inside their transaction. What must hold: every row written is searchable and sealed as
// if the triggers had fired; the triggers are back, as their migrations made them, whether the
// work ends well or throws; and a direct edit made afterwards is still caught.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../db/auditReplay';
import { sealWritten } from '../../db/audit';
import { withTriggersDeferred } from '../../db/bulkTriggers';
import { generateDemoProfessionals } from '../../db/demo';
import { checkGuards } from '../../db/storeGuards';
import { writeTransaction } from '../../db/storeLock';
import { importInput, jobContext, runImport, withImportStepRows } from '../fixtures/imports/jobs';
import { openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const unsealed = () => desk.store.db.prepare('SELECT count(*) FROM audit_unsealed').pluck().get() as number;
const intactGuards = { missing: [], altered: [], foreign: [] };

describe('triggers deferred during a bulk write', () => {
  it('leave generated records searchable by name and sealed, and are back as their migrations made them', async () => {
    const db = desk.store.db;
    // As the desk generates them (db/registry.ts): sealed by the transaction that wrote them.
    writeTransaction(db, () => {
      generateDemoProfessionals(db, { count: 2_000, region: 9, seed: 7 });
      expect(unsealed()).toBe(2_000);
      sealWritten(db);
    });
    expect(db.prepare('SELECT count(*) FROM professionals_fts').pluck().get()).toBe(2_000);
    const someone = db.prepare('SELECT id, name_folded FROM professionals ORDER BY id DESC LIMIT 1').get() as { id: number; name_folded: string };
    const hits = await desk.handlers['registry:search']({ text: someone.name_folded, page: 0, pageSize: 100 });
    expect(hits.items.map((item) => item.id)).toContain(someone.id);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rowProblems: 0 });
    expect(checkGuards(db)).toEqual(intactGuards);
  });

  it('are back when the work throws, and nothing of it stays', () => {
    const db = desk.store.db;
    expect(() =>
      writeTransaction(db, () =>
        withTriggersDeferred(db, ['professionals_unsealed_insert', 'professionals_fts_after_insert'], () => {
          generateDemoProfessionals(db, { count: 10, region: 9, seed: 3 });
          throw new Error('disco cheio');
        }),
      ),
    ).toThrow('disco cheio');
    expect(checkGuards(db)).toEqual(intactGuards);
    expect(db.prepare('SELECT count(*) FROM professionals').pluck().get()).toBe(0);
  });

  it('refuse to run outside a write transaction', () => {
    expect(() => withTriggersDeferred(desk.store.db, ['professionals_unsealed_insert'], () => 1)).toThrow(/write transaction/);
  });

  it('leave a staged import’s records and corrections sealed, and a direct edit after it is still caught', () => {
    const db = desk.store.db;
    writeTransaction(db, () => {
      generateDemoProfessionals(db, { count: 300, region: 9, seed: 5 });
      sealWritten(db);
    });
    const people = db.prepare('SELECT cpf FROM professionals ORDER BY id LIMIT 200').pluck().all() as string[];
    const path = join(dirname(desk.store.path), 'emails.csv');
    writeFileSync(path, ['CPF;E-mail', ...people.map((cpf, i) => `${cpf};lote.${i}@exemplo.com.br`)].join('\r\n'), 'latin1');
    const summary = withImportStepRows(32, () => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path)));
    expect(summary).toMatchObject({ written: true, accepted: 200 });
    expect(unsealed()).toBe(0);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rowProblems: 0 });
    expect(checkGuards(db)).toEqual(intactGuards);
    // Another program edits a corrected record behind the desk's back: its trigger queues it, its seal no longer matches.
    db.prepare("UPDATE professionals SET email = 'outro@exemplo.com.br' WHERE cpf = ?").run(people[10]);
    expect(unsealed()).toBe(1);
    db.prepare('DELETE FROM audit_unsealed').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, rowProblems: 1 });
  });
});
