// The app's job thread dies in the middle of a corrections import (out of its heap, ended) after
// part of the import was written in steps. The job ends as failed, and what it wrote is rolled back
// at once, as the next open of the store would do it — not left on the records until the app is
// started again.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDesk } from '../../../db';
import { verifyAuditChain } from '../../../db/audit';
import { importInput } from '../../fixtures/imports/jobs';
import { builtWorkerAfter, numberedDeskForEachTest } from './numberedDesk';

const ROWS = 900;
const people = numberedDeskForEachTest(ROWS, { cpf: 400_000_000, registration: 60_000 });

/**
 * The built job thread, ending itself as the import is about to write its last rows — once its
 * writer thread has had a second to commit the steps of the rows sent to it.
 */
function dyingJobThread(): string {
  return builtWorkerAfter(
    people.desk,
    'dying-jobs.cjs',
    'jobs',
    `const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message) => {
  if (message && message.type === 'progress' && message.progress.phase === 'commit') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    process.exit(1);
  }
  return post(message);
};`,
  );
}

describe('a corrections import whose job thread dies', () => {
  it('ends as failed, and the steps it wrote are rolled back at once', async () => {
    const desk = people.desk;
    const db = desk.store.db;
    const before = {
      records: db.prepare('SELECT id, email, row_version FROM professionals ORDER BY id').all(),
      corrections: db.prepare('SELECT count(*) FROM corrections').pluck().get(),
    };
    const file = people.newEmails('novo');
    const app = openDesk({ path: desk.store.path, appVersion: 'test', workerPath: dyingJobThread() });
    try {
      const id = app.jobs.start('imports:run', importInput(file, { kind: 'corrections' }) as never);
      expect(await app.jobs.wait(id)).toMatchObject({ state: 'failed' });
    } finally {
      app.close();
    }
    const rollbacks = db.prepare("SELECT detail FROM audit_log WHERE action = 'import.rollback'").pluck().all() as string[];
    expect(rollbacks).toHaveLength(1);
    expect(JSON.parse(rollbacks[0] as string).restoredRecords).toBeGreaterThan(0);
    expect(db.prepare('SELECT id, email, row_version FROM professionals ORDER BY id').all()).toEqual(before.records);
    expect(db.prepare('SELECT count(*) FROM corrections').pluck().get()).toBe(before.corrections);
    expect(db.prepare("SELECT count(*) FROM store_tasks WHERE name LIKE 'import.apply:%'").pluck().get()).toBe(0);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(readdirSync(dirname(desk.store.path)).filter((name) => name.includes('.import-'))).toEqual([]);
  });
});
