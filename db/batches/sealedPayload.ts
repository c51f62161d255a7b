// What a lote's package says is fixed when the lote is sealed, and the audit entry of the sealing
// keeps a SHA-256 of every row the package is built from (sealBatch). Every export takes that
// digest again and compares before a byte is written: rows rewritten behind the desk's back between
// the sealing and the first export (who an item is about, an item's value, a CEP change, a paper
// item) are refused like those rewritten after it — recordExport compares with an earlier export's
// SHA-256, which the first export has not got. The entry itself is checked too (its SHA-256 link
// and, with this desk's key, its signature), so a digest edited or taken out of it does not pass.
// The rows, not the built package: building a 100 000-item payload inside the sealing's write
// transaction doubled the time the counter could wait on it; reading the rows costs a tenth of that.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { readAuditKeyOrNull } from '../auditKey';
import { entryHash, entryMac } from '../audit';
import { currentSigning } from '../auditSigning';
import { sealEntryOf } from './packageSignature';
import type { BatchRow } from './summary';

/**
 * What a package of the lote is made of (./payload.ts, ./correctionFiles.ts, ./package.ts), with no
 * column that changes after the sealing (an item's status, when it was answered). Paper items are
 * read as of the sealing, as the package reads them. Columns a store of an earlier schema lacks are
 * left out, and an empty (NULL) value counts as no value, so a migration adding a column later does
 * not change the digest of a lote sealed before it.
 */
const SEALED_ROWS: readonly { table: string; columns: readonly string[]; rest: string }[] = [
  { table: 'batches', columns: ['uuid', 'number', 'region', 'created_at', 'sealed_at', 'operator', 'schema_version', 'app_version', 'seccional_tag'], rest: 'WHERE id = @batch' },
  {
    table: 'corrections',
    columns: ['uuid', 'professional_id', 'field', 'old_value', 'new_value', 'reason', 'evidence_kind', 'evidence_arrival', 'evidence_date', 'evidence_note', 'operator', 'created_at', 'source', 'dip_consequence'],
    rest: 'WHERE batch_id = @batch ORDER BY id',
  },
  { table: 'batch_professionals', columns: ['professional_id', 'cpf', 'previous_cpf', 'registration_number', 'name'], rest: 'WHERE batch_id = @batch ORDER BY professional_id' },
  { table: 'cep_changes', columns: ['uuid', 'cep', 'old_value', 'new_value', 'reason', 'operator', 'created_at'], rest: 'WHERE batch_id = @batch ORDER BY id' },
  {
    table: 'dip_paper_items',
    columns: ['professional_id', 'item', 'arrived_on', 'way'],
    rest: `WHERE professional_id IN (SELECT professional_id FROM batch_professionals WHERE batch_id = @batch)
             AND recorded_at <= @sealedAt AND (undone_at IS NULL OR undone_at > @sealedAt) ORDER BY professional_id, item, arrived_on, way`,
  },
];

/** One SHA-256 over the rows a sealed lote's package is built from. */
export function sealedRowsSha256(db: Database, batch: Pick<BatchRow, 'id' | 'sealed_at'>): string {
  const hash = createHash('sha256');
  for (const { table, columns, rest } of SEALED_ROWS) {
    hash.update(`\u0000${table}\n`);
    const present = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const kept = columns.filter((c) => present.has(c));
    if (kept.length === 0) continue;
    const statement = db.prepare(`SELECT ${kept.join(', ')} FROM ${table} ${rest}`).raw(true);
    const parameters = rest.includes('@sealedAt') ? { batch: batch.id, sealedAt: batch.sealed_at } : { batch: batch.id };
    for (const row of statement.iterate(parameters) as Iterable<unknown[]>) {
      const named = row.flatMap((value, i) => (value === null ? [] : [kept[i], value]));
      hash.update(`${JSON.stringify(named)}\n`);
    }
  }
  return hash.digest('hex');
}

interface SealEntryRow {
  id: number;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  account: string | null;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

/** Whether the entry is as it was written: its SHA-256 link, and its signature where this desk's key signs the chain. */
function entryIntact(db: Database, entry: SealEntryRow): boolean {
  if (entryHash(entry.prev_hash, entry) !== entry.hash) return false;
  const key = readAuditKeyOrNull();
  const signing = currentSigning(db);
  // Signed by another key (a store brought from another desk), or not at all: the chain's verify says so.
  if (key === null || entry.mac === null || signing.keyId !== key.id || entry.id < signing.since) return true;
  // Signed over the previous entry's signature, or its hash where that has none.
  const previousMac = db.prepare('SELECT mac FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(entry.id) as string | null | undefined;
  return entryMac(key, previousMac ?? entry.prev_hash, entry) === entry.mac;
}

function sealedDigest(entry: SealEntryRow): string | null {
  try {
    const detail = JSON.parse(entry.detail) as { rowsSha256?: unknown };
    return typeof detail.rowsSha256 === 'string' ? detail.rowsSha256 : null;
  } catch {
    return null;
  }
}

function rewritten(batch: BatchRow): AppError {
  return new AppError(
    'AUDIT_BROKEN',
    `Os dados do lote ${batch.number} foram alterados fora do CRESS Desk depois da lacração: o que ele diz agora não é o que foi lacrado. Nada foi exportado. Avise o responsável pela informática do Regional e restaure uma cópia de segurança anterior à alteração.`,
  );
}

/**
 * Refuses to export a lote whose rows are not the ones it was sealed with. Lotes sealed before the
 * sealing kept the digest have nothing to compare with and pass (their re-exports are still compared).
 */
export function requireSealedRows(db: Database, batch: BatchRow): void {
  if (!sealedRowsIntact(db, batch)) throw rewritten(batch);
}

/** Whether a sealed lote's rows are still the ones it was sealed with (see requireSealedRows). */
export function sealedRowsIntact(db: Database, batch: Pick<BatchRow, 'id' | 'sealed_at'>): boolean {
  const entry = sealEntryOf(db, batch.id) as SealEntryRow | undefined;
  if (entry === undefined) return true;
  if (!entryIntact(db, entry)) return false;
  const sealed = sealedDigest(entry);
  return sealed === null || sealed === sealedRowsSha256(db, batch);
}

/** The numbers of the sealed lotes whose rows are no longer the ones they were sealed with (`audit verify`). */
export function rewrittenLotes(db: Database): string[] {
  const sealed = db.prepare('SELECT id, number, sealed_at FROM batches WHERE sealed_at IS NOT NULL ORDER BY id').all() as { id: number; number: string; sealed_at: string }[];
  return sealed.filter((batch) => !sealedRowsIntact(db, batch)).map((batch) => batch.number);
}
