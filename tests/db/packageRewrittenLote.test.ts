// A sealed lote never changes: exported again, it gives the same bytes, so its SHA-256 names the
// package Implanta holds. A lote whose sealed data was rewritten behind the desk's back (its guard
// trigger dropped, the rows edited, the trigger made again) gives other bytes: that export is refused
// as an integrity failure, nothing is left at the destination and the recorded SHA-256 stays —
// instead of the desk signing the forgery and answering to its hash from then on.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../db/audit';
import { addProfessional, correct, exportPackage, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

/** Rewrites rows of a guarded table as someone with the file would: the guard trigger dropped, then made again. */
function rewriteBehindTheDesk(db: BatchDesk['store']['db'], trigger: string, sql: string): void {
  const guard = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(trigger) as string;
  expect(guard).toBeTruthy();
  db.exec(`DROP TRIGGER ${trigger}`);
  db.prepare(sql).run();
  db.exec(guard);
}

async function sealedLote(): Promise<number> {
  correct(desk, addProfessional(desk.store), { email: 'nova@exemplo.com.br' });
  const created = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: created.id });
  return created.id;
}

describe('exporting again a sealed lote whose data was rewritten outside the desk', () => {
  it('is refused as tampering; the first package stays the lote\'s', async () => {
    desk = openBatchDesk();
    correct(desk, addProfessional(desk.store), { email: 'nova@exemplo.com.br' });
    const created = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: created.id });
    const first = await exportPackage(desk, created.id, 'primeira');
    expect((await exportPackage(desk, created.id, 'de-novo')).sha256).toBe(first.sha256);

    rewriteBehindTheDesk(desk.store.db, 'batch_professionals_no_update', "UPDATE batch_professionals SET name = 'Nome Trocado'");

    await expect(exportPackage(desk, created.id, 'forjada')).rejects.toMatchObject({
      code: 'AUDIT_BROKEN',
      message: expect.stringMatching(/foram alterados fora do CRESS Desk depois da lacração/),
    });
    const batch = (await desk.handlers['batches:get']({ id: created.id })).batch;
    expect(batch.packageSha256).toBe(first.sha256);
    expect(existsSync(join(desk.dir.file('forjada'), batch.fileName))).toBe(false);
  });

  it('makes the audit verification fail naming the lote, as its export does, without waiting for an export', async () => {
    desk = openBatchDesk();
    const id = await sealedLote();
    const number = (await desk.handlers['batches:get']({ id })).batch.number;
    expect(await desk.handlers['audit:verify']({})).toMatchObject({ ok: true });
    rewriteBehindTheDesk(desk.store.db, 'batch_professionals_no_update', "UPDATE batch_professionals SET name = 'Nome Trocado', cpf = '11144477735'");
    expect(await desk.handlers['audit:verify']({})).toMatchObject({
      ok: false,
      problem: expect.stringContaining(`Os dados do lote ${number} foram alterados fora do CRESS Desk depois da lacração`),
      problemFrom: 'lotes',
    });
  });

  it('is refused before its first export too: nothing is written and the lote stays sealed', async () => {
    desk = openBatchDesk();
    const id = await sealedLote();
    rewriteBehindTheDesk(desk.store.db, 'batch_professionals_no_update', "UPDATE batch_professionals SET name = 'Nome Trocado'");

    await expect(exportPackage(desk, id, 'forjada')).rejects.toMatchObject({
      code: 'AUDIT_BROKEN',
      message: expect.stringMatching(/alterados fora do CRESS Desk depois da lacração: o que ele diz agora não é o que foi lacrado/),
    });
    const batch = (await desk.handlers['batches:get']({ id })).batch;
    expect(batch.state).toBe('sealed');
    expect(batch.packageSha256).toBeNull();
    expect(readdirSync(desk.dir.file('forjada'))).toEqual([]);
  });

  it('is refused when the sealing\'s own entry lost the digest it keeps', async () => {
    desk = openBatchDesk();
    const id = await sealedLote();
    const db = desk.store.db;
    const sealing = db.prepare("SELECT * FROM audit_log WHERE action = 'batch.seal'").get() as Parameters<typeof entryHash>[1] & { prev_hash: string };
    const detail = JSON.parse(sealing.detail) as Record<string, unknown>;
    expect(detail.rowsSha256).toMatch(/^[0-9a-f]{64}$/);
    delete detail.rowsSha256;
    // Its SHA-256 made again too: only the desk's key can tell.
    const forged = { ...sealing, detail: JSON.stringify(detail) };
    rewriteBehindTheDesk(db, 'audit_log_no_update', `UPDATE audit_log SET detail = '${forged.detail}', hash = '${entryHash(sealing.prev_hash, forged)}' WHERE id = ${sealing.id}`);
    rewriteBehindTheDesk(db, 'batch_professionals_no_update', "UPDATE batch_professionals SET name = 'Nome Trocado'");

    await expect(exportPackage(desk, id, 'forjada')).rejects.toMatchObject({ code: 'AUDIT_BROKEN' });
  });

  it('exports as always when nothing was touched, every time with the same bytes', async () => {
    desk = openBatchDesk();
    const id = await sealedLote();
    const first = await exportPackage(desk, id, 'primeira');
    expect((await exportPackage(desk, id, 'segunda')).sha256).toBe(first.sha256);
  });
});
