// A sealed lote never changes: exported again, it gives the same bytes, so its SHA-256 names the
// package Implanta holds. A lote whose sealed data was rewritten behind the desk's back (its guard
// trigger dropped, the rows edited, the trigger made again) gives other bytes: that export is refused
// as an integrity failure, nothing is left at the destination and the recorded SHA-256 stays —
// instead of the desk signing the forgery and answering to its hash from then on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addProfessional, correct, exportPackage, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

describe('exporting again a sealed lote whose data was rewritten outside the desk', () => {
  it('is refused as tampering; the first package stays the lote\'s', async () => {
    desk = openBatchDesk();
    correct(desk, addProfessional(desk.store), { email: 'nova@exemplo.com.br' });
    const created = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: created.id });
    const first = await exportPackage(desk, created.id, 'primeira');
    expect((await exportPackage(desk, created.id, 'de-novo')).sha256).toBe(first.sha256);

    const db = desk.store.db;
    const guard = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'batch_professionals_no_update'").pluck().get() as string;
    expect(guard).toBeTruthy();
    db.exec('DROP TRIGGER batch_professionals_no_update');
    db.prepare("UPDATE batch_professionals SET name = 'Nome Trocado'").run();
    db.exec(guard);

    await expect(exportPackage(desk, created.id, 'forjada')).rejects.toMatchObject({
      code: 'AUDIT_BROKEN',
      message: expect.stringMatching(/foram alterados fora do CRESS Desk depois da lacração/),
    });
    const batch = (await desk.handlers['batches:get']({ id: created.id })).batch;
    expect(batch.packageSha256).toBe(first.sha256);
    expect(existsSync(join(desk.dir.file('forjada'), batch.fileName))).toBe(false);
  });
});
