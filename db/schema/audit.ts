// Tamper evidence: the append-only keyed chain of every write, its anchor, and the seals of each
// professional and correction (db/audit.ts, db/auditSeals.ts).
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { happened, rowId, singleRow } from './columns';

/** Append-only, hash-chained trail of every write (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...happened(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * HMAC-SHA-256, with the desk's audit key (db/auditKey.ts), of the previous entry's MAC and this
     * entry; null only for entries written before the store was keyed (docs/store.md).
     */
    mac: text('mac'),
    /** The computer's account the entry was written under; null for entries written before it was recorded. */
    account: text('account'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** How many audit entries exist and the newest hash: deleting the newest entries shows up here. */
export const auditAnchor = sqliteTable(
  'audit_anchor',
  {
    id: rowId(),
    count: integer('count').notNull(),
    lastHash: text('last_hash').notNull(),
    /** The id of the key that signs the chain now (never the key itself); null before keying. */
    keyId: text('key_id'),
    lastMac: text('last_mac'),
    /** XOR of the MACs of every professional's and every correction's seal (db/auditSeals.ts). */
    professionalsDigest: text('professionals_digest'),
    correctionsDigest: text('corrections_digest'),
    /** HMAC of the row above: count, newest hash and MAC, key id and both digests. */
    mac: text('mac'),
  },
  () => [singleRow('audit_anchor')],
);

/**
 * The keyed seal of each professional's row as the desk last wrote it: a version byte, a 16-byte
 * HMAC of the whole row, and a one-byte fingerprint per column (to name the field that changed).
 */
export const professionalSeals = sqliteTable('professional_seals', sealColumns());

/** The same for each correction. */
export const correctionSeals = sqliteTable('correction_seals', sealColumns());

/** A sealed row's id and its seal. */
function sealColumns() {
  return { id: rowId(), seal: blob('seal', { mode: 'buffer' }).notNull() };
}
