// SQLite keeps scratch files of its own — the pages a savepoint or a statement may have to put
// back, a sort too big for its cache — and does not encrypt them. On disk, in the system's temp
// folder, they would hold the records a write touched in the clear. Looked for through the
// process's open files while the write is under way (Linux).
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoProfessionals } from '../../db/demo';
import { writeTransaction } from '../../db/storeLock';
import { openTestDesk, type TestDesk } from './fixtures';

const FDS = '/proc/self/fd';

/** SQLite's temporary files this process has open (they are unlinked at once: only their descriptors show them). */
function scratchFiles(): { path: string; bytes: Buffer }[] {
  const found: { path: string; bytes: Buffer }[] = [];
  for (const fd of readdirSync(FDS)) {
    let target: string;
    try {
      target = readlinkSync(`${FDS}/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    if (/etilqs_/.test(target)) found.push({ path: target, bytes: readFileSync(`${FDS}/${fd}`) });
  }
  return found;
}

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
  generateDemoProfessionals(desk.store.db, { count: 3_000, region: 9, seed: 11 });
});
afterEach(() => desk.cleanup());

describe.skipIf(!existsSync(FDS))('SQLite scratch files', () => {
  it('a write of thousands of records, a savepoint inside it and a big sort leave none on disk', () => {
    const db = desk.store.db;
    const someone = db.prepare('SELECT name FROM professionals ORDER BY id LIMIT 1').pluck().get() as string;
    const seen: { path: string; bytes: Buffer }[] = [];
    writeTransaction(db, () => {
      db.prepare("UPDATE professionals SET email = lower(replace(name, ' ', '.')) || '@example.com'").run();
      seen.push(...scratchFiles());
      writeTransaction(db, () => {
        db.prepare("UPDATE professionals SET phone = '(61) 99999-0000'").run();
        seen.push(...scratchFiles());
      });
    });
    const sorted = db.prepare('SELECT name, email, cpf FROM professionals ORDER BY email DESC, name').iterate();
    sorted.next();
    seen.push(...scratchFiles());
    sorted.return?.();
    expect(seen.map((file) => file.path)).toEqual([]);
    // What such a file held before: the records' names as stored, readable by anyone with the disk.
    expect(seen.some((file) => file.bytes.includes(someone))).toBe(false);
  });
});
