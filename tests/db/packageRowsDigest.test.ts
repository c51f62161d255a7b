// The sealing of a lote keeps a SHA-256 of the rows its package is built from, and every export
// takes it again from its own read of those rows. Lotes sealed by earlier versions keep the digest
// they were sealed with, so its form never changes: this file writes that form down once, plainly,
// and checks both the sealing and the export against it. A correction rewritten behind the desk's
// back after the sealing is then refused by the export, as a rewritten person is.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addProfessional, correct, exportPackage, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

/** The digest's form: each table's name, then each row as the JSON array of its non-empty columns' names and values. */
const FORM: readonly [table: string, columns: string, rest: string][] = [
  ['batches', 'uuid, number, region, created_at, sealed_at, operator, schema_version, app_version, seccional_tag', 'WHERE id = @batch'],
  [
    'corrections',
    'uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date, evidence_note, operator, created_at, source, dip_consequence',
    'WHERE batch_id = @batch ORDER BY id',
  ],
  ['batch_professionals', 'professional_id, cpf, previous_cpf, registration_number, name', 'WHERE batch_id = @batch ORDER BY professional_id'],
  ['cep_changes', 'uuid, cep, old_value, new_value, reason, operator, created_at', 'WHERE batch_id = @batch ORDER BY id'],
  [
    'dip_paper_items',
    'professional_id, item, arrived_on, way',
    `WHERE professional_id IN (SELECT professional_id FROM batch_professionals WHERE batch_id = @batch)
       AND recorded_at <= @sealedAt AND (undone_at IS NULL OR undone_at > @sealedAt) ORDER BY professional_id, item, arrived_on, way`,
  ],
];

function digestInItsForm(db: BatchDesk['store']['db'], id: number): string {
  const sealedAt = db.prepare('SELECT sealed_at FROM batches WHERE id = ?').pluck().get(id) as string;
  const hash = createHash('sha256');
  for (const [table, columns, rest] of FORM) {
    hash.update(`\u0000${table}\n`);
    const names = columns.split(', ');
    const rows = db.prepare(`SELECT ${columns} FROM ${table} ${rest}`).raw(true).all(rest.includes('@sealedAt') ? { batch: id, sealedAt } : { batch: id }) as unknown[][];
    for (const row of rows) hash.update(`${JSON.stringify(row.flatMap((value, i) => (value === null ? [] : [names[i], value])))}\n`);
  }
  return hash.digest('hex');
}

function sealingDigest(db: BatchDesk['store']['db']): string {
  const detail = db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.seal' ORDER BY id DESC LIMIT 1").pluck().get() as string;
  return (JSON.parse(detail) as { rowsSha256: string }).rowsSha256;
}

/** A lote of several people and fields, with empty columns among them. */
async function sealedLote(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    const professional = addProfessional(desk.store);
    correct(desk, professional, i % 2 === 0 ? { email: `nova.${i}@exemplo.com.br` } : { email: `outra.${i}@exemplo.com.br`, phone: '(21) 99876-5432' });
  }
  const created = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: created.id });
  return created.id;
}

describe('the digest of a sealed lote\'s rows', () => {
  it('is kept at the sealing in its written-down form, and the export finds the same', async () => {
    desk = openBatchDesk();
    const id = await sealedLote();
    const db = desk.store.db;
    expect((db.prepare('SELECT count(*) FROM corrections WHERE batch_id = ?').pluck().get(id) as number) > 4).toBe(true);
    expect(sealingDigest(db)).toBe(digestInItsForm(db, id));
    // The export compares its own read with the sealing's digest: a different form would refuse it.
    const exported = await exportPackage(desk, id, 'primeira');
    expect(exported.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await exportPackage(desk, id, 'segunda')).sha256).toBe(exported.sha256);
  });

  it('refuses the export of a lote whose correction was rewritten behind the desk, and nothing is written', async () => {
    desk = openBatchDesk();
    const id = await sealedLote();
    const db = desk.store.db;
    const guard = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'corrections_content_fixed'").pluck().get() as string;
    expect(guard).toBeTruthy();
    db.exec('DROP TRIGGER corrections_content_fixed');
    db.prepare("UPDATE corrections SET new_value = 'forjada@exemplo.com.br' WHERE id = (SELECT max(id) FROM corrections WHERE batch_id = ?)").run(id);
    db.exec(guard);

    await expect(exportPackage(desk, id, 'forjada')).rejects.toMatchObject({
      code: 'AUDIT_BROKEN',
      message: expect.stringMatching(/foram alterados fora do CRESS Desk depois da lacração/),
    });
    expect(readdirSync(desk.dir.file('forjada'))).toEqual([]);
    expect((await desk.handlers['batches:get']({ id })).batch.packageSha256).toBeNull();
  });
});
