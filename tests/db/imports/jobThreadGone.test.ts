// The app's job thread dies in the middle of a corrections import (out of its heap, ended) after
// part of the import was written in steps. The job ends as failed, and what it wrote is rolled back
// at once, as the next open of the store would do it — not left on the records until the app is
// started again.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDesk } from '../../../db';
import { verifyAuditChain } from '../../../db/audit';
import { importInput, importStepRowsInEachTest } from '../../fixtures/imports/jobs';
import { addNumberedProfessionals, correctionsCsv, testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';

const BUILT_JOBS = resolve(__dirname, '../../../out/worker/jobs.cjs');
const ROWS = 900;
let desk: TestDesk;
// Steps of 16 rows: several are written while the file is read.
importStepRowsInEachTest(16);

testDeskForEachTest((fresh) => {
  desk = fresh;
  addNumberedProfessionals(desk.store, ROWS, { cpf: 400_000_000, registration: 60_000 });
});

/**
 * The built job thread, ending itself as the import is about to write its last rows — once its
 * writer thread has had a second to commit the steps of the rows sent to it.
 */
function dyingJobThread(): string {
  if (!existsSync(BUILT_JOBS)) throw new Error('Build first (npx vite build -c vite.node.config.ts): out/worker/jobs.cjs is missing');
  const path = join(dirname(desk.file('x')), 'dying-jobs.cjs');
  writeFileSync(
    path,
    `const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message) => {
  if (message && message.type === 'progress' && message.progress.phase === 'commit') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    process.exit(1);
  }
  return post(message);
};
require(${JSON.stringify(BUILT_JOBS)});
`,
  );
  return path;
}

describe('a corrections import whose job thread dies', () => {
  it('ends as failed, and the steps it wrote are rolled back at once', async () => {
    const db = desk.store.db;
    const before = {
      records: db.prepare('SELECT id, email, row_version FROM professionals ORDER BY id').all(),
      corrections: db.prepare('SELECT count(*) FROM corrections').pluck().get(),
    };
    const lines = Array.from({ length: ROWS }, (_, i) => `${validCpf(400_000_001 + i)};novo${i}@exemplo.com.br;Atualização anual`);
    const file = correctionsCsv(desk, 'CPF;E-mail;Motivo', lines);
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
