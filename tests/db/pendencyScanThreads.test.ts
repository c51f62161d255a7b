// The whole-registry scan shares its records with a second thread, chunk by chunk: whatever chunks
// each side took, and even when the other thread gives up half-way, the worklist it stores is the one
// a scan on one thread stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FoundPendency } from '../../shared/rules/pendencies';
import { registryFacts, rescanRegistry, scanChunks, scanShared } from '../../db/pendencyScan';
import { claimChunk, type ScanThread, type ScanThreadReply } from '../../db/pendencyScanThread';
import { insertPendency } from '../../db/pendencies';
import { CLEAN_REGISTRY, DESIGNED_REGISTRY } from '../unit/registryFixtures';
import { addProfessional, openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
  const records = [...CLEAN_REGISTRY, ...DESIGNED_REGISTRY.filter((d) => d.code !== 'DIP_DATA_PENDING').map((d) => d.record)];
  records.forEach(({ id: _id, ...values }, i) => addProfessional(desk.store, { ...values, email: values.email ? `pessoa${i}@exemplo.com.br` : values.email }));
});
afterEach(() => desk.cleanup());

/** The stored worklist, in an order that does not depend on who found what first. */
function worklist(): unknown[] {
  return desk.store.db
    .prepare("SELECT professional_id, code, field, message, case_letter, suggestion FROM pendencies WHERE source = 'rule' ORDER BY professional_id, code, field, message")
    .all();
}

/** A second thread that takes `chunks` chunks when told to begin, then answers what it found — or null, as a thread that failed. */
function otherThread(chunks: number, answers: boolean): ScanThread {
  const nextChunk = new SharedArrayBuffer(4);
  let reply: ScanThreadReply = null;
  return {
    nextChunk,
    begin: ({ facts, plan }) => {
      const found: [number, FoundPendency][] = [];
      let taken = 0;
      const claim = () => (taken++ < chunks ? claimChunk(nextChunk, plan) : -1);
      const { scanned } = scanChunks(desk.store.db, facts, plan, claim, (id, p) => found.push([id, p]));
      reply = answers ? { scanned, found } : null;
    },
    result: () => reply,
    dispose: () => undefined,
  };
}

/** Clears the rule pendências and scans again with `thread` beside this side, in one transaction. */
function scanBeside(thread: ScanThread): number {
  const db = desk.store.db;
  return db.transaction(() => {
    db.prepare("DELETE FROM pendencies WHERE source = 'rule'").run();
    const last = db.prepare('SELECT max(id) FROM professionals').pluck().get() as number;
    const plan = { afterId: 0, width: 4, count: Math.ceil(last / 4) };
    return scanShared(db, registryFacts(db), plan, thread, (id, p) => insertPendency(db, id, p, 'rule'));
  })();
}

describe('a scan shared with a second thread', () => {
  it('stores the same worklist as a scan on one thread, whichever chunks the other thread took', () => {
    const records = rescanRegistry(desk.store.db);
    const alone = worklist();
    expect(alone.length).toBeGreaterThan(10);
    for (const chunks of [0, 1, 3, 1000]) {
      expect(scanBeside(otherThread(chunks, true))).toBe(records);
      expect(worklist()).toEqual(alone);
    }
  });

  it('checks again the chunks of a second thread that gave up, and misses nothing', () => {
    const records = rescanRegistry(desk.store.db);
    const alone = worklist();
    for (const chunks of [2, 1000]) {
      expect(scanBeside(otherThread(chunks, false))).toBe(records);
      expect(worklist()).toEqual(alone);
    }
  });
});
