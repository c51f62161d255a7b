// A backup whose file is whole and in place but whose record the store refuses (another program
// holds the writer lock past the bounded wait): the answer says nothing was written, so nothing may
// be left under a backup's name — neither a routine backup nor a copy for Implanta.
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdStore } from '../../cli/processes';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();
let previousWait: string | undefined;

beforeEach(() => {
  previousWait = process.env.CRESS_DESK_WRITE_WAIT_MS;
  process.env.CRESS_DESK_WRITE_WAIT_MS = '300';
});
afterEach(() => {
  if (previousWait === undefined) delete process.env.CRESS_DESK_WRITE_WAIT_MS;
  else process.env.CRESS_DESK_WRITE_WAIT_MS = previousWait;
});

describe('a backup the store could not record', () => {
  it('answers STORE_BUSY and leaves no backup (nor a copy for Implanta) under its final name', async () => {
    const b = await desks.setUp({ professionals: 5 });
    const holder = await holdStore(b.storePath, 'write');
    try {
      const routine = await b.job('backups:create', { passphrase: null, folder: null });
      expect(routine).toMatchObject({ ok: false, error: { code: 'STORE_BUSY', message: expect.stringContaining('nada foi gravado') } });
      const implanta = await b.job('backups:create', { passphrase: 'senha longa da implanta', folder: null, forImplanta: true });
      expect(implanta).toMatchObject({ ok: false, error: { code: 'STORE_BUSY' } });
      expect(readdirSync(b.folder)).toEqual([]);
    } finally {
      await holder.release();
    }
    // Nothing in the list either, and the next backup goes through.
    expect((await b.call('backups:list', {})).items).toEqual([]);
    const created = await b.create();
    expect(readdirSync(b.folder)).toEqual([created.fileName]);
  }, 60_000);
});
