// The store's log (-wal) grows while a large write runs (an import, a restore's migration), and
// SQLite reuses the file from its start afterwards without making it smaller: a desk that ran one
// national import would keep a log of hundreds of megabytes beside the store for good. Once the
// log was folded into the store, the next write brings it back to a bounded size.
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_SIZE_LIMIT_BYTES } from '../../db/connections';
import { openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe("the store's log after a large write", () => {
  it('shrinks to the bound at the first write after it was folded in', () => {
    desk = openTestDesk();
    const { db } = desk.store;
    db.exec('CREATE TABLE bulk (data BLOB)');
    const insert = db.prepare('INSERT INTO bulk (data) VALUES (randomblob(?))');
    db.transaction(() => {
      for (let i = 0; i < 72; i++) insert.run(1024 * 1024);
    })();
    const wal = `${desk.store.path}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    db.exec('DROP TABLE bulk');
    db.pragma('wal_checkpoint(PASSIVE)');
    db.exec('CREATE TABLE after_fold (x)');
    expect(statSync(wal).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  });
});
