// What a lote's package says is fixed when the lote is sealed, and the audit entry of the sealing
// keeps a SHA-256 of every row the package is built from (sealBatch). Every export takes that
// digest again and compares before a byte is written: rows rewritten behind the desk's back between
// the sealing and the first export (who an item is about, an item's value, a CEP change, a paper
// item) are refused like those rewritten after it — recordExport compares with an earlier export's
// SHA-256, which the first export has not got. The entry itself is checked too (its SHA-256 link
// and, with this desk's key, its signature), so a digest edited or taken out of it does not pass.
// The rows, not the built package: building a 100 000-item payload inside the sealing's write
// transaction doubled the time the counter could wait on it; reading the rows costs a tenth of that.
// An export builds its package from the same read that takes the digest (SealedRowsTap).
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { readAuditKeyOrNull } from '../auditKey';
import { entryHash, entryMac } from '../audit';
import { currentSigning } from '../auditSigning';
import { sealEntryOf } from './packageSignature';
import type { BatchRow } from './summary';

/** The columns of a lote's corrections the package is built from, in the order the digest reads them. */
export const SEALED_CORRECTION_COLUMNS = [
  'uuid',
  'professional_id',
  'field',
  'old_value',
  'new_value',
  'reason',
  'evidence_kind',
  'evidence_arrival',
  'evidence_date',
  'evidence_note',
  'operator',
  'created_at',
  'source',
  'dip_consequence',
] as const;

/** The columns of a lote's people (batch_professionals), in the order the digest reads them. */
export const SEALED_PEOPLE_COLUMNS = ['professional_id', 'cpf', 'previous_cpf', 'registration_number', 'name'] as const;

/**
 * What a package of the lote is made of (./payload.ts, ./correctionFiles.ts, ./package.ts), with no
 * column that changes after the sealing (an item's status, when it was answered). Paper items are
 * read as of the sealing, as the package reads them. Columns a store of an earlier schema lacks are
 * left out, and an empty (NULL) value counts as no value, so a migration adding a column later does
 * not change the digest of a lote sealed before it.
 */
const SEALED_ROWS: readonly { table: string; columns: readonly string[]; rest: string }[] = [
  { table: 'batches', columns: ['uuid', 'number', 'region', 'created_at', 'sealed_at', 'operator', 'schema_version', 'app_version', 'seccional_tag'], rest: 'WHERE id = @batch' },
  { table: 'corrections', columns: SEALED_CORRECTION_COLUMNS, rest: 'WHERE batch_id = @batch ORDER BY id' },
  { table: 'batch_professionals', columns: SEALED_PEOPLE_COLUMNS, rest: 'WHERE batch_id = @batch ORDER BY professional_id' },
  { table: 'cep_changes', columns: ['uuid', 'cep', 'old_value', 'new_value', 'reason', 'operator', 'created_at'], rest: 'WHERE batch_id = @batch ORDER BY id' },
  {
    table: 'dip_paper_items',
    columns: ['professional_id', 'item', 'arrived_on', 'way'],
    rest: `WHERE professional_id IN (SELECT professional_id FROM batch_professionals WHERE batch_id = @batch)
             AND recorded_at <= @sealedAt AND (undone_at IS NULL OR undone_at > @sealedAt) ORDER BY professional_id, item, arrived_on, way`,
  },
];

/**
 * The package's own read of the rows, shared with the digest so an export reads its 100 000
 * corrections once, not twice (the second read was a quarter of the export's time).
 */
export interface SealedRowsTap {
  /** Called with each of the lote's corrections as the digest reads it, in SEALED_CORRECTION_COLUMNS order. */
  correction(row: unknown[]): void;
  /** The lote's people, already read, in SEALED_PEOPLE_COLUMNS order and by professional_id. */
  people: Iterable<unknown[]>;
}

/** Text handed to the hash in pieces of about this many characters: one update per row cost more than the hashing. */
const HASH_PIECE = 64 * 1024;

/**
 * One SHA-256 over the rows a sealed lote's package is built from: for each table its name, then
 * each row as the JSON array of its non-empty columns' names and values, one a line. `tap`: the
 * package's reader, which takes the corrections from this read and hands in the people it read.
 */
export function sealedRowsSha256(db: Database, batch: Pick<BatchRow, 'id' | 'sealed_at'>, tap?: SealedRowsTap): string {
  const hash = createHash('sha256');
  let text = '';
  const add = (line: string) => {
    text += line;
    if (text.length >= HASH_PIECE) {
      hash.update(text);
      text = '';
    }
  };
  for (const { table, columns, rest } of SEALED_ROWS) {
    add(`\u0000${table}\n`);
    const present = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const kept = columns.filter((c) => present.has(c));
    if (kept.length === 0) continue;
    const tapped = tap !== undefined && (table === 'corrections' || table === 'batch_professionals');
    // The package reads every column of these two: a store lacking one could not be exported at all.
    if (tapped && kept.length !== columns.length) throw new Error(`${table} lacks columns the package is built from`);
    const parameters = rest.includes('@sealedAt') ? { batch: batch.id, sealedAt: batch.sealed_at } : { batch: batch.id };
    const rows =
      tapped && table === 'batch_professionals'
        ? tap.people
        : (db.prepare(`SELECT ${kept.join(', ')} FROM ${table} ${rest}`).raw(true).iterate(parameters) as Iterable<unknown[]>);
    for (const row of rows) {
      const named: unknown[] = [];
      for (let i = 0; i < row.length; i++) if (row[i] !== null) named.push(kept[i], row[i]);
      add(`${JSON.stringify(named)}\n`);
      if (tapped && table === 'corrections') tap.correction(row);
    }
  }
  hash.update(text);
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
 * `rowsSha256`: the rows' digest as the package's own read took it (sealedRowsSha256 with a tap).
 */
export function requireSealedRows(db: Database, batch: BatchRow, rowsSha256: string): void {
  if (!sealedRowsIntact(db, batch, rowsSha256)) throw rewritten(batch);
}

/** Whether a sealed lote's rows are still the ones it was sealed with (see requireSealedRows); `rowsSha256`: taken already. */
export function sealedRowsIntact(db: Database, batch: Pick<BatchRow, 'id' | 'sealed_at'>, rowsSha256?: string): boolean {
  const entry = sealEntryOf(db, batch.id) as SealEntryRow | undefined;
  if (entry === undefined) return true;
  if (!entryIntact(db, entry)) return false;
  const sealed = sealedDigest(entry);
  return sealed === null || sealed === (rowsSha256 ?? sealedRowsSha256(db, batch));
}

/** The numbers of the sealed lotes whose rows are no longer the ones they were sealed with (`audit verify`). */
export function rewrittenLotes(db: Database): string[] {
  const sealed = db.prepare('SELECT id, number, sealed_at FROM batches WHERE sealed_at IS NOT NULL ORDER BY id').all() as { id: number; number: string; sealed_at: string }[];
  return sealed.filter((batch) => !sealedRowsIntact(db, batch)).map((batch) => batch.number);
}
