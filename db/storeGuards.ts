// What opening a store checks before anyone works on it: the triggers that guard it (the audit
// trail's append-only refusal, the sealed-batch guards, the row-seal queue, the search index) exist
// with the SQL their migrations gave them — a missing or altered one is put back, a trigger no
// migration made is removed, and the event is recorded in the audit chain; rows another program
// wrote while the desk was closed are recorded and left unsealed (so `audit verify` names them);
// and the chain is signed with the desk's key (db/audit.ts ensureKeyed). The same look at the
// triggers and the rows is taken again before each write of a desk that keeps the store open
// (guardsBeforeWrite, db/guardWatch.ts). See docs/store.md.
import type { Database } from 'better-sqlite3';
import { appendAudit, ensureKeyed, readAnchor, sealNewColumns } from './audit';
import { readAuditKeyOrNull as readAuditKey, type AuditKey } from './auditKey';
import { SEALED, taintedRows, unsealedCounts, type TaintedRow } from './auditSeals';
import { KNOWN_SCHEMA_VERSION, MIGRATIONS } from './migrate';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

/** The first schema version whose chain is signed (migration 0008). */
export const SIGNED_SCHEMA_VERSION = MIGRATIONS.findIndex((m) => m.tag.startsWith('0008_')) + 1;

function normalize(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

let expected: Map<string, string> | null = null;

/** Every trigger the migrations leave, by name, with its SQL as SQLite keeps it (the last definition wins). */
export function expectedTriggers(): ReadonlyMap<string, string> {
  if (expected) return expected;
  const triggers = new Map<string, string>();
  for (const migration of MIGRATIONS) {
    for (const statement of migration.statements) {
      const created = /CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)[`"]?/i.exec(statement);
      if (created) {
        triggers.set(created[1]!, statement.slice(created.index).replace(/;\s*$/, ''));
        continue;
      }
      const dropped = /^\s*DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?[`"]?(\w+)[`"]?/im.exec(statement);
      if (dropped) triggers.delete(dropped[1]!);
    }
  }
  expected = triggers;
  return triggers;
}

export interface GuardCheck {
  missing: string[];
  altered: string[];
  /** Triggers no migration made (someone added them to change what the desk writes). */
  foreign: string[];
}

export function checkGuards(db: Database): GuardCheck {
  const found = new Map(
    (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; sql: string | null }[]).map((t) => [t.name, t.sql ?? '']),
  );
  const check: GuardCheck = { missing: [], altered: [], foreign: [] };
  for (const [name, sql] of expectedTriggers()) {
    const present = found.get(name);
    if (present === undefined) check.missing.push(name);
    else if (normalize(present) !== normalize(sql)) check.altered.push(name);
  }
  for (const name of found.keys()) if (!expectedTriggers().has(name)) check.foreign.push(name);
  return check;
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Puts the triggers back as their migrations made them (inside the caller's transaction). */
export function restoreGuards(db: Database, check: GuardCheck): void {
  for (const name of [...check.altered, ...check.foreign]) db.exec(`DROP TRIGGER IF EXISTS ${quoted(name)}`);
  for (const name of [...check.missing, ...check.altered]) db.exec(expectedTriggers().get(name) as string);
}

function changed(check: GuardCheck): boolean {
  return check.missing.length + check.altered.length + check.foreign.length > 0;
}

/** Nothing to do: the chain is signed with the key present, nothing is waiting to be sealed, every trigger is as made. */
function untouched(db: Database): boolean {
  const anchor = readAnchor(db);
  const key = readAuditKey();
  if (!anchor || anchor.keyId === null || (key !== null && key.id !== anchor.keyId)) return false;
  const pending = unsealedCounts(db);
  return (pending.professionals + pending.corrections === 0 || importInSteps(db)) && !changed(checkGuards(db));
}

/** An import being written in steps (db/imports/writer/reservations.ts): its rows wait for its last step's entry. */
export function importInSteps(db: Database): boolean {
  return db.prepare("SELECT 1 FROM store_tasks WHERE name LIKE 'import.apply:%' LIMIT 1").get() !== undefined;
}

/** Tainted rows listed in an audit entry (the first MAX_LISTED; counts say how many in all). */
const MAX_LISTED = 1000;

/** When the desk found what another program did: opening the store, or before one of its writes while it kept the store open. */
export type FoundAt = 'open' | 'write';

/**
 * Rows another program changed behind the desk's back: those it left in the seal queue (the
 * triggers list every write) — or, when the queue's triggers themselves were dropped, every row
 * whose data no longer matches its seal. Recorded in the chain (so sealing them again later hides
 * nothing), and never sealed here.
 */
function recordOutsideChanges(db: Database, key: AuditKey, everyRow: boolean, at: string, found: FoundAt): void {
  const tainted = SEALED.flatMap((spec) => taintedRows(db, key, spec, everyRow ? 'all' : 'queued'));
  db.prepare('DELETE FROM audit_unsealed').run();
  recordTainted(db, tainted, at, found);
}

/** An entry naming rows whose data is not what their seals say (which columns, never values). */
export function recordTainted(db: Database, tainted: readonly TaintedRow[], at: string, found: FoundAt): void {
  if (tainted.length === 0) return;
  const professionals = tainted.filter((r) => r.table === 'professionals').length;
  appendAudit(db, {
    at,
    operator: 'sistema',
    action: 'store.outside_changes',
    entity: 'store',
    entityId: null,
    detail: {
      professionals,
      corrections: tainted.length - professionals,
      rows: tainted.slice(0, MAX_LISTED).map((r) => ({ t: r.table === 'professionals' ? 'p' : 'c', id: r.id, c: r.columns })),
      ...(found === 'write' ? { found } : {}),
    },
  });
}

/**
 * No transaction of the desk leaves rows unsealed (the entry that ends it seals them, and each step
 * of an import written in steps seals its own): any in the queue now were written by another
 * program, and are recorded — unless the chain is not signed with the key here (nothing could be
 * signed, and the desk writes nothing).
 */
function recordIfOutsideChanges(db: Database, check: GuardCheck, at: string, found: FoundAt): void {
  const key = readAuditKey();
  const anchor = readAnchor(db);
  if (!key || anchor?.keyId !== key.id) return;
  const queueTriggersTouched = [...check.missing, ...check.altered].some((name) => name.includes('_unsealed_'));
  const pending = unsealedCounts(db);
  if (queueTriggersTouched || pending.professionals + pending.corrections > 0) recordOutsideChanges(db, key, queueTriggersTouched, at, found);
}

/** Puts the guards back and records it, when one was found missing, altered or added. */
function putGuardsBack(db: Database, check: GuardCheck, at: string, found: FoundAt): void {
  if (!changed(check)) return;
  restoreGuards(db, check);
  // Without the key nothing can be signed: the triggers are back, and `audit verify` already says the key is missing.
  const key = readAuditKey();
  if (key !== null && key.id === readAnchor(db)?.keyId) {
    appendAudit(db, { at, operator: 'sistema', action: 'store.guards_restored', entity: 'store', entityId: null, detail: found === 'write' ? { ...check, found } : check });
  }
}

/**
 * Called by openStore after migrating (`found`: the schema version the file had before). Reads
 * only, unless something needs doing: then one write transaction.
 */
export function protectStore(db: Database, found: number, options: { adoptOtherKey?: boolean } = {}): void {
  if (found >= KNOWN_SCHEMA_VERSION && untouched(db)) return;
  const at = new Date().toISOString();
  writeTransaction(db, () => {
    const check = checkGuards(db);
    // Rows left unsealed by this very open's migration are the desk's own.
    if (found >= KNOWN_SCHEMA_VERSION) recordIfOutsideChanges(db, check, at, 'open');
    ensureKeyed(db, { upgrading: found < SIGNED_SCHEMA_VERSION, at, adoptOtherKey: options.adoptOtherKey ?? false });
    // A migration that appended columns left the seals over the columns they had.
    if (found < KNOWN_SCHEMA_VERSION) sealNewColumns(db);
    putGuardsBack(db, check, at, 'open');
  });
}

const AS_MADE: GuardCheck = { missing: [], altered: [], foreign: [] };

/**
 * What opening the store checks, checked again at the start of each write transaction of a desk
 * that keeps the store open while other programs may write it (db/guardWatch.ts), with the writer
 * lock held and before the transaction's first statement: rows another program wrote meanwhile are
 * recorded, never sealed in with the desk's; triggers it planted, dropped or altered are put right
 * before they can act on the desk's write. The triggers are read only when the schema changed since
 * the last look (`schemaChanged`); the seal queue is one indexed look.
 */
export function guardsBeforeWrite(db: Database, schemaChanged: boolean): void {
  const check = schemaChanged ? checkGuards(db) : AS_MADE;
  if (!changed(check) && statement(db, 'SELECT 1 FROM audit_unsealed LIMIT 1').get() === undefined) return;
  const at = new Date().toISOString();
  recordIfOutsideChanges(db, check, at, 'write');
  putGuardsBack(db, check, at, 'write');
}
