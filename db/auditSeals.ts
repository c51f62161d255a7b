// Seals of the registry's rows: each professional and each correction carries, in a table beside
// it, a keyed digest of the whole row as the desk last wrote it, so a direct edit of the file (a
// mother's name, a correction's new value) shows at `audit verify`. Triggers (migration 0008) list
// every row written since its last seal in `audit_unsealed`; the audit entry that closes each write
// transaction seals those rows again (appendAudit → sealPending). The anchor keeps the XOR of all
// the digests of a table, so a row deleted with its seal, or put back to an older sealed version,
// shows too. One keyed SHA-256 per row written, computed inside one INSERT … SELECT: an import of
// 250 000 rows seals each once, at its end, without a round trip per row.
//
// A seal is: a version byte, 16 bytes of SHA-256 over the key and the row (the row as SQLite's
// json_array of SEALED_COLUMNS, prefixed by its length: a prefix-free encoding, so SHA-256's length
// extension gives nothing), then one byte per column — a fingerprint of its value that names the
// field that changed once the digest says something did.
import { hash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { corrections, professionals } from './schema';
import type { AuditKey } from './auditKey';

/** A table's columns as SQLite names them, in the order the schema declares them. */
function columnNames(table: Parameters<typeof getTableColumns>[0]): readonly string[] {
  return Object.values(getTableColumns(table)).map((column) => column.name);
}

/**
 * The columns a seal covers, in order: every column of the table, read off the schema. Columns are
 * only ever appended (a test compares this order with the table's), so a seal made before a
 * migration added some covers the first ones, as many as its fingerprint bytes say; the first open
 * after that migration checks those seals and seals the rows again over every column
 * (resealShortSeals).
 */
export const SEALED_COLUMNS = {
  professionals: columnNames(professionals),
  corrections: columnNames(corrections),
} as const;

export const SEALED = [
  { kind: 0, table: 'professionals', seals: 'professional_seals' },
  { kind: 1, table: 'corrections', seals: 'correction_seals' },
] as const;
export type SealedTable = (typeof SEALED)[number]['table'];
type Spec = (typeof SEALED)[number];

const SEAL_VERSION = 1;
export const MAC_BYTES = 16;
const HEADER_BYTES = 1 + MAC_BYTES;
export const ZERO_DIGEST = '0'.repeat(MAC_BYTES * 2);

export interface Digests {
  professionals: string;
  corrections: string;
}

/** SQLite's JSON of a row of `t` (the canonical text a seal covers): its first `count` columns. */
export function rowJsonSql(table: SealedTable, alias = 't', count = SEALED_COLUMNS[table].length): string {
  return `json_array(${SEALED_COLUMNS[table].slice(0, count).map((c) => `${alias}."${c}"`).join(', ')})`;
}

function rowDigest(keyHex: string, table: string, json: string): Buffer {
  const text = `${table}\n${json}`;
  return hash('sha256', `cress-desk row seal\n${keyHex}\n${text.length}\n${text}`, 'buffer').subarray(0, MAC_BYTES);
}

/** One byte per top-level element of a JSON array text (the row's columns, in order). */
function fingerprints(json: string, count: number, into: Buffer, at: number): void {
  let h = 0x811c9dc5;
  let column = 0;
  let inString = false;
  let escaped = false;
  for (let i = 1; i < json.length - 1; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2c) {
      if (column < count) into[at + column] = (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 0xff;
      column++;
      h = 0x811c9dc5;
      continue;
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  if (column < count) into[at + column] = (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 0xff;
}

/** The seal of a row's JSON over its first `count` columns (all of them, but for tests of old seals). */
export function sealOf(keyHex: string, table: SealedTable, json: string, count = SEALED_COLUMNS[table].length): Buffer {
  const seal = Buffer.allocUnsafe(HEADER_BYTES + count);
  seal[0] = SEAL_VERSION;
  rowDigest(keyHex, table, json).copy(seal, 1);
  fingerprints(json, count, seal, HEADER_BYTES);
  return seal;
}

export function macOfSeal(seal: Buffer): Buffer {
  return seal.subarray(1, HEADER_BYTES);
}

/** What a row's seal says about it now: sound, or the columns whose values differ (possibly none found). */
export function checkRow(keyHex: string, table: SealedTable, json: string, seal: Buffer): { sound: boolean; columns: string[] } {
  const columns = SEALED_COLUMNS[table];
  // A seal over fewer columns than the table has was made before a migration and not checked since.
  if (seal.length !== HEADER_BYTES + columns.length || seal[0] !== SEAL_VERSION) return { sound: false, columns: [] };
  if (rowDigest(keyHex, table, json).equals(macOfSeal(seal))) return { sound: true, columns: [] };
  const now = Buffer.alloc(columns.length);
  fingerprints(json, columns.length, now, 0);
  return { sound: false, columns: columns.filter((_, i) => seal[HEADER_BYTES + i] !== now[i]) };
}

/** XOR of the stored digests of a table, as hex (what the anchor must hold). */
export class DigestAccumulator {
  readonly bytes: Buffer;
  constructor(hex: string | null) {
    this.bytes = Buffer.from(hex ?? ZERO_DIGEST, 'hex');
  }
  add(seal: Buffer | null): void {
    if (!seal) return;
    for (let i = 0; i < MAC_BYTES; i++) this.bytes[i]! ^= seal[1 + i]!;
  }
  hex(): string {
    return this.bytes.toString('hex');
  }
}

// The SQL function that seals rows inside one INSERT … SELECT. It reads the key and the running
// digest from `current`, set only while that statement runs (never from a trigger or a view).
const SEAL_FUNCTION = 'cress_desk_seal';
let current: { keyHex: string; table: SealedTable; digest: DigestAccumulator } | null = null;
const withFunction = new WeakSet<Database>();

function sealFunction(db: Database): void {
  if (withFunction.has(db)) return;
  db.function(SEAL_FUNCTION, { directOnly: true }, (json: unknown, old: unknown) => {
    if (!current || typeof json !== 'string') throw new Error('seal function called outside sealing');
    const seal = sealOf(current.keyHex, current.table, json);
    current.digest.add(old as Buffer | null);
    current.digest.add(seal);
    return seal;
  });
  withFunction.add(db);
}

function sealInto(db: Database, key: AuditKey, spec: Spec, digest: DigestAccumulator, sql: string, ...params: unknown[]): void {
  sealFunction(db);
  current = { keyHex: key.bytes.toString('hex'), table: spec.table, digest };
  try {
    db.prepare(sql).run(...params);
  } finally {
    current = null;
  }
}

/**
 * Seals again every row listed in `audit_unsealed` (inside the caller's transaction) and returns the
 * tables' new digests. Rows deleted since lose their seal.
 */
export function sealPending(db: Database, key: AuditKey, digests: Digests): Digests {
  const pending = db.prepare('SELECT DISTINCT kind FROM audit_unsealed').pluck().all() as number[];
  if (pending.length === 0) return digests;
  const result = { ...digests };
  for (const spec of SEALED) {
    if (!pending.includes(spec.kind)) continue;
    const digest = new DigestAccumulator(digests[spec.table]);
    // The old seal leaves the digest as the new one enters it (the function does both).
    sealInto(
      db,
      key,
      spec,
      digest,
      `INSERT OR REPLACE INTO ${spec.seals} (id, seal)
       SELECT t.id, ${SEAL_FUNCTION}(${rowJsonSql(spec.table)}, s.seal)
       FROM audit_unsealed u JOIN ${spec.table} t ON t.id = u.id LEFT JOIN ${spec.seals} s ON s.id = u.id WHERE u.kind = ?`,
      spec.kind,
    );
    const gone = db
      .prepare(`SELECT s.id, s.seal FROM audit_unsealed u JOIN ${spec.seals} s ON s.id = u.id WHERE u.kind = ? AND NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.id = u.id)`)
      .raw()
      .all(spec.kind) as [number, Buffer][];
    if (gone.length > 0) {
      const remove = db.prepare(`DELETE FROM ${spec.seals} WHERE id = ?`);
      for (const [id, seal] of gone) {
        digest.add(seal);
        remove.run(id);
      }
    }
    result[spec.table] = digest.hex();
  }
  db.prepare('DELETE FROM audit_unsealed').run();
  return result;
}

/** Seals every row anew (a key starts signing): the current data is what the chain vouches for from here. */
export function sealAll(db: Database, key: AuditKey): Digests {
  const result = { professionals: ZERO_DIGEST, corrections: ZERO_DIGEST };
  for (const spec of SEALED) {
    db.prepare(`DELETE FROM ${spec.seals}`).run();
    const digest = new DigestAccumulator(null);
    sealInto(db, key, spec, digest, `INSERT INTO ${spec.seals} (id, seal) SELECT t.id, ${SEAL_FUNCTION}(${rowJsonSql(spec.table)}, NULL) FROM ${spec.table} t`);
    result[spec.table] = digest.hex();
  }
  db.prepare('DELETE FROM audit_unsealed').run();
  return result;
}

/**
 * After a migration appended columns: each seal made over fewer columns is checked against those
 * columns and, when the row still matches it, made again over every column (inside the caller's
 * transaction). A row that no longer matches keeps its old seal, which `audit verify` reports.
 * Returns the tables' new digests and how many rows kept a seal that does not match.
 */
export function resealShortSeals(db: Database, key: AuditKey, digests: Digests): { digests: Digests; unmatched: number } {
  const keyHex = key.bytes.toString('hex');
  const result = { ...digests };
  let unmatched = 0;
  for (const spec of SEALED) {
    const full = SEALED_COLUMNS[spec.table].length;
    const counts = db.prepare(`SELECT DISTINCT length(seal) - ${HEADER_BYTES} FROM ${spec.seals} WHERE length(seal) < ${HEADER_BYTES + full}`).pluck().all() as number[];
    if (counts.length === 0) continue;
    const digest = new DigestAccumulator(digests[spec.table]);
    const update = db.prepare(`UPDATE ${spec.seals} SET seal = ? WHERE id = ?`);
    for (const count of counts) {
      const rows = db
        .prepare(`SELECT t.id, ${rowJsonSql(spec.table, 't', count)}, ${rowJsonSql(spec.table)}, s.seal FROM ${spec.seals} s JOIN ${spec.table} t ON t.id = s.id WHERE length(s.seal) = ?`)
        .raw()
        .all(HEADER_BYTES + count) as [number, string, string, Buffer][];
      for (const [id, before, now, seal] of rows) {
        if (count <= 0 || seal[0] !== SEAL_VERSION || !rowDigest(keyHex, spec.table, before).equals(macOfSeal(seal))) {
          unmatched++;
          continue;
        }
        const fresh = sealOf(keyHex, spec.table, now);
        digest.add(seal);
        digest.add(fresh);
        update.run(fresh, id);
      }
    }
    result[spec.table] = digest.hex();
  }
  return { digests: result, unmatched };
}

/** Rows written and not sealed since: only a program other than the desk leaves them between transactions. */
export function unsealedCounts(db: Database): { professionals: number; corrections: number } {
  const rows = db.prepare('SELECT kind, count(*) AS n FROM audit_unsealed GROUP BY kind').all() as { kind: number; n: number }[];
  return { professionals: rows.find((r) => r.kind === 0)?.n ?? 0, corrections: rows.find((r) => r.kind === 1)?.n ?? 0 };
}

export interface TaintedRow {
  table: SealedTable;
  id: number;
  /** The columns that differ from the seal ([] when they cannot be told apart, or the row has no seal). */
  columns: string[];
}

/** Row `id` of `table` as its seal judges it: null when sound, else what is known of what changed (no seal: none). */
export function rowAgainstSeal(keyHex: string, table: SealedTable, id: number, json: string, seal: Buffer | null): TaintedRow | null {
  if (seal === null) return { table, id, columns: [] };
  const check = checkRow(keyHex, table, json, seal);
  return check.sound ? null : { table, id, columns: check.columns };
}

/** The rows in the seal queue, or every row, whose data does not match their seal. */
export function taintedRows(db: Database, key: AuditKey, spec: Spec, ids: 'queued' | 'all'): TaintedRow[] {
  const keyHex = key.bytes.toString('hex');
  const from = ids === 'queued' ? `audit_unsealed u JOIN ${spec.table} t ON t.id = u.id AND u.kind = ${spec.kind}` : `${spec.table} t`;
  const found: TaintedRow[] = [];
  const rows = db.prepare(`SELECT t.id, ${rowJsonSql(spec.table)}, s.seal FROM ${from} LEFT JOIN ${spec.seals} s ON s.id = t.id`).raw().iterate() as IterableIterator<[number, string, Buffer | null]>;
  for (const [id, json, seal] of rows) {
    const tainted = rowAgainstSeal(keyHex, spec.table, id, json, seal);
    if (tainted) found.push(tainted);
  }
  return found;
}
