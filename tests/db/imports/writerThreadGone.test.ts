// The writer thread of a corrections import dies without a word — out of its bounded heap, or
// ended outright — after part of the import was written. The import does not wait minutes for an
// answer that will never come: it fails within seconds, in words, and what the writer wrote is
// rolled back at once, the store as before the import and nothing of it left beside the store.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../../db/audit';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { holdStore } from '../../cli/processes';
import { builtWorker, builtWorkerAfter, numberedDeskForEachTest } from './numberedDesk';

/** The writer thread the import starts: the built one, behind `dying` when a test sets it. */
let writerScript: string | null = null;
vi.mock('../../../db/imports/writer/link', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../db/imports/writer/link')>();
  return { ...original, writerScript: () => writerScript };
});

const ROWS = 900;
// Written 16 rows a step: the writer has written several steps before it dies.
const people = numberedDeskForEachTest(ROWS, { cpf: 300_000_000, registration: 80_000 });

/** The built writer, dying (`how`) when it receives its `nth` message of kind `kind`. */
function dyingWriter(kind: 'ops' | 'finish', nth: number, how: 'exit' | 'heap'): string {
  const death = how === 'exit' ? 'process.exit(1);' : 'const hog = []; for (;;) hog.push(new Array(1 << 20).fill(hog.length));';
  return builtWorkerAfter(
    people.desk,
    `dying-writer-${kind}-${how}.cjs`,
    'importWriter',
    `let seen = 0;
parentPort.on('message', (message) => { if (message.t === ${JSON.stringify(kind)} && ++seen === ${nth}) { ${death} } });`,
  );
}

function storeState() {
  const db = people.desk.store.db;
  return {
    records: db.prepare('SELECT id, email, row_version FROM professionals ORDER BY id').all(),
    corrections: db.prepare('SELECT count(*) FROM corrections').pluck().get(),
    imports: db.prepare('SELECT count(*) FROM imports').pluck().get(),
    marks: db.prepare("SELECT count(*) FROM store_tasks WHERE name LIKE 'import.apply:%'").pluck().get(),
  };
}

function importDyingWriter(kind: 'ops' | 'finish', nth: number, how: 'exit' | 'heap'): void {
  const desk = people.desk;
  writerScript = dyingWriter(kind, nth, how);
  const before = storeState();
  const file = people.newEmails('novo');
  const began = Date.now();
  let failure: unknown = null;
  try {
    runImport(importInput(file, { kind: 'corrections' }), jobContext(desk.store.path));
  } catch (error) {
    failure = error;
  } finally {
    writerScript = null;
  }
  expect(failure).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/gravação da importação parou de repente.*Nada desta importação ficou gravado/) });
  expect(Date.now() - began).toBeLessThan(10_000);
  // What the writer's steps wrote was there, and is rolled back: the store is as before.
  const rollbacks = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'import.rollback'").pluck().all() as string[];
  expect(rollbacks).toHaveLength(1);
  expect(JSON.parse(rollbacks[0] as string).restoredRecords).toBeGreaterThan(0);
  expect(storeState()).toEqual(before);
  expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  // No staging file of the dead writer stays beside the store.
  expect(readdirSync(dirname(desk.store.path)).filter((name) => name.includes('.import-'))).toEqual([]);
}

describe('a corrections import whose writer thread waits its turn', () => {
  it('is not taken for dead while another program holds the store for seconds, and is written', async () => {
    const desk = people.desk;
    writerScript = builtWorker('importWriter');
    const file = people.newEmails('espera');
    // Another program's write transaction: the import's first step waits for it (about 3 s).
    const holder = await holdStore(desk.store.path, 'write', 3000);
    const began = Date.now();
    try {
      // The job blocks this thread while it waits: the holder lets go by its own timer.
      const summary = runImport(importInput(file, { kind: 'corrections' }), jobContext(desk.store.path));
      expect(summary).toMatchObject({ written: true, accepted: ROWS });
      expect(Date.now() - began).toBeGreaterThan(2000);
    } finally {
      writerScript = null;
      await holder.kill();
    }
    expect(desk.store.db.prepare("SELECT count(*) FROM professionals WHERE email LIKE 'espera%'").pluck().get()).toBe(ROWS);
  });
});

describe('a corrections import whose writer thread dies', () => {
  it('fails within seconds and rolls back what was written when the thread runs out of memory while the file is read', () => {
    importDyingWriter('ops', 2, 'heap');
  });

  it('fails within seconds and rolls back what was written when the thread ends as the import is being finished', () => {
    importDyingWriter('finish', 1, 'exit');
  });
});
