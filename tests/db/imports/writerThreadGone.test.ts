// The writer thread of a corrections import dies without a word — out of its bounded heap, or
// ended outright — after part of the import was written. The import does not wait minutes for an
// answer that will never come: it fails within seconds, in words, and what the writer wrote is
// rolled back at once, the store as before the import and nothing of it left beside the store.
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../../db/audit';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { holdStore } from '../../cli/processes';
import { correctionsCsv } from '../fixtures';
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

/**
 * When the writer dies: as it receives its `nth` message of a kind (`begin`: before its store is
 * even opened), or as it posts its answer to `finish` (`answer`: after its last write — the commit
 * of a written import, the staging file already removed).
 */
type Death = 'begin' | 'ops' | 'finish' | 'answer';

/** The built writer, dying (`how`) at `death` (its `nth` such message). */
function dyingWriter(death: Death, nth: number, how: 'exit' | 'heap'): string {
  const die = how === 'exit' ? 'process.exit(1);' : 'const hog = []; for (;;) hog.push(new Array(1 << 20).fill(hog.length));';
  const kind = death === 'answer' ? 'finish' : death;
  // An answer is posted on the writer's reply port; a note it posts before its commit (`whole`) is let through.
  const atAnswer =
    death === 'answer'
      ? `const { MessagePort } = require('node:worker_threads');
const post = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (message) { if (seen >= ${nth} && message && message.ok === true && !message.whole) { ${die} } return post.apply(this, arguments); };`
      : '';
  const onMessage = death === 'answer' ? '' : die;
  return builtWorkerAfter(
    people.desk,
    `dying-writer-${death}-${how}.cjs`,
    'importWriter',
    `let seen = 0;
parentPort.on('message', (message) => { if (message.t === ${JSON.stringify(kind)} && ++seen === ${nth}) { ${onMessage} } });
${atAnswer}`,
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

/** Imports the file of ROWS new e-mails (`prefix`) with a writer dying at `death`: what came of it, and how long it took. */
function importWithDeath(death: Death, prefix: string, overrides: { dryRun?: boolean } = {}) {
  writerScript = dyingWriter(death, 1, 'exit');
  const file = people.newEmails(prefix);
  const began = Date.now();
  try {
    return { summary: runImport(importInput(file, { kind: 'corrections', ...overrides }), jobContext(people.desk.store.path)), failure: null, ms: Date.now() - began };
  } catch (error) {
    return { summary: null, failure: error, ms: Date.now() - began };
  } finally {
    writerScript = null;
  }
}

function leftBesideStore(): string[] {
  return readdirSync(dirname(people.desk.store.path)).filter((name) => name.includes('.import-'));
}

describe('a corrections import whose writer thread dies before it made its staging file or after it removed it', () => {
  it('fails, nothing stored, when the thread ends before its first line ran', () => {
    const desk = people.desk;
    const before = storeState();
    writerScript = join(dirname(desk.file('x')), 'writer-never-started.cjs');
    writeFileSync(writerScript, 'process.exit(1);\n');
    const file = correctionsCsv(desk, 'CPF;E-mail;Motivo', [`${people.cpfOf(1)};nunca@exemplo.com.br;Atualização anual`]);
    const began = Date.now();
    expect(() => runImport(importInput(file, { kind: 'corrections' }), jobContext(desk.store.path))).toThrow(/gravação da importação parou de repente.*Nada desta importação ficou gravado/);
    writerScript = null;
    expect(Date.now() - began).toBeLessThan(25_000);
    expect(storeState()).toEqual(before);
    expect(leftBesideStore()).toEqual([]);
  }, 40_000);

  it('fails within seconds, nothing stored, when the thread ends as it is given the import to begin', () => {
    const before = storeState();
    const { failure, ms } = importWithDeath('begin', 'inicio');
    expect(failure).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/gravação da importação parou de repente.*Nada desta importação ficou gravado/) });
    expect(ms).toBeLessThan(10_000);
    expect(storeState()).toEqual(before);
    expect(leftBesideStore()).toEqual([]);
  });

  it('fails within seconds, nothing stored, when the thread of a preview ends as it answers', () => {
    const before = storeState();
    const { failure, ms } = importWithDeath('answer', 'previa', { dryRun: true });
    expect(failure).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/gravação da importação parou de repente.*Nada desta importação ficou gravado/) });
    expect(ms).toBeLessThan(10_000);
    expect(storeState()).toEqual(before);
    expect(leftBesideStore()).toEqual([]);
  });

  it('reports the import written, within seconds, when the thread ends after the commit that made it whole', () => {
    const { summary, failure, ms } = importWithDeath('answer', 'gravado');
    expect(failure).toBeNull();
    expect(ms).toBeLessThan(10_000);
    const db = people.desk.store.db;
    const stored = db.prepare('SELECT id, accepted FROM imports').all();
    expect(stored).toEqual([{ id: summary?.importId, accepted: ROWS }]);
    expect(summary).toMatchObject({ written: true, accepted: ROWS, rejected: 0 });
    expect(db.prepare("SELECT count(*) FROM professionals WHERE email LIKE 'gravado%'").pluck().get()).toBe(ROWS);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import.rollback'").pluck().get()).toBe(0);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(leftBesideStore()).toEqual([]);
  });
});
