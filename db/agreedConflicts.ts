// A registry conflict sets the main system's value of a field against the desk's. Once the record
// holds the main system's value — the clerk corrected the field to it, or to its own spelling of it
// (capitals, accents, spaces: the main system catches up that way, shared/rules/spelling.ts) —
// there is nothing left to choose: the conflict closes without a choice (`resolution` empty), as when
// a load finds the sides agree (db/imports/kinds/registryStaleConflicts.ts), instead of showing the
// same value on both sides — whether the correction was saved at the desk or came in a corrections
// import. The conflict names that correction (`closed_by`): undoing it opens the conflict again.
import type { Database } from 'better-sqlite3';
import { currentCorrectionText } from '../shared/rules/correctionText';
import { sameBarSpelling } from '../shared/rules/spelling';
import { requireProfessional } from './registry';
import { statement } from './statements';

/** A correction just written: the field it set and its id, which the conflicts it closes keep. */
export interface Closer {
  field: string;
  uuid: string;
}

/**
 * Closes the record's open conflicts of the `closers`' fields whose file value the record now holds,
 * each naming the correction that closed it; answers their ids. The caller owns the transaction.
 */
export function closeAgreedConflicts(db: Database, professionalId: number, closers: readonly Closer[], now: string, operator: string): number[] {
  const open = statement<{ id: number; field: string; file_value: string | null }>(
    db,
    'SELECT id, field, file_value FROM registry_conflicts WHERE professional_id = ? AND resolved_at IS NULL ORDER BY id',
  )
    .all(professionalId)
    .filter((c) => closers.some((k) => k.field === c.field));
  if (open.length === 0) return [];
  const record = requireProfessional(db, professionalId);
  const close = statement(db, 'UPDATE registry_conflicts SET resolved_at = ?, resolution = NULL, operator = ?, closed_by = ? WHERE id = ? AND resolved_at IS NULL');
  const closed: number[] = [];
  for (const conflict of open) {
    if (!sameBarSpelling(conflict.field, currentCorrectionText(record, conflict.field), conflict.file_value)) continue;
    // The last correction of the field is the one that brought the record to this value.
    const closer = closers.findLast((k) => k.field === conflict.field) as Closer;
    close.run(now, operator, closer.uuid, conflict.id);
    closed.push(conflict.id);
  }
  return closed;
}

/**
 * A conflict a correction closed without a choice, the newest of its record and field (a later load's
 * conflict of the field, open or not, speaks for the main system instead).
 */
const CLOSED_BY_CORRECTION = `closed_by IS NOT NULL AND resolved_at IS NOT NULL AND resolution IS NULL
  AND NOT EXISTS (SELECT 1 FROM registry_conflicts o WHERE o.professional_id = registry_conflicts.professional_id AND o.field = registry_conflicts.field
                    AND (o.resolved_at IS NULL OR o.id > registry_conflicts.id))`;

/**
 * Whether the record has a conflict of `field` closed without a choice. Most fields of most records
 * never had one: one cheap query, through an index, spares the search by closing correction.
 */
function anyClosedWithoutChoice(db: Database, professionalId: number, field: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM registry_conflicts WHERE professional_id = ? AND field = ? AND resolved_at IS NOT NULL AND resolution IS NULL LIMIT 1')
      .pluck()
      .get(professionalId, field) !== undefined
  );
}

/**
 * Opens again the record's conflicts of `fields` that a correction closed without a choice by
 * bringing the record to the main system's value (`closed_by`), once a later correction took the
 * record off that value: the two sides differ again, as they did before the closing correction —
 * unless a later load raised a conflict of the field since (that one speaks for the main system).
 * A conflict a load closed (the main system left the value) stays closed. Answers their ids. The
 * caller owns the transaction, after the record took the later correction's value.
 */
export function reopenConflictsLeftBy(db: Database, professionalId: number, fields: readonly string[]): number[] {
  if (!fields.some((field) => anyClosedWithoutChoice(db, professionalId, field))) return [];
  const closed = statement<{ id: number; field: string; file_value: string | null }>(
    db,
    `SELECT id, field, file_value FROM registry_conflicts WHERE professional_id = ? AND ${CLOSED_BY_CORRECTION}`,
  )
    .all(professionalId)
    .filter((c) => fields.includes(c.field));
  if (closed.length === 0) return [];
  const record = requireProfessional(db, professionalId);
  const reopen = statement(db, 'UPDATE registry_conflicts SET resolved_at = NULL, operator = NULL, closed_by = NULL WHERE id = ?');
  const opened: number[] = [];
  for (const conflict of closed) {
    if (sameBarSpelling(conflict.field, currentCorrectionText(record, conflict.field), conflict.file_value)) continue;
    reopen.run(conflict.id);
    opened.push(conflict.id);
  }
  return opened;
}

/**
 * Opens again the conflicts a correction closed when it was written (closed without a choice, naming
 * it), once it is cancelled, rejected or undone and the record is back on a value the main system's
 * differs from: the disagreement is there again, and only the clerk can settle it — unless a later
 * load raised a conflict of the field since (the main system moved on: its value is no longer the
 * one this conflict states; that later conflict speaks for it). Answers their
 * ids. The caller owns the transaction.
 */
export function reopenConflictsClosedBy(db: Database, correction: { uuid: string; professional_id: number; field: string; new_value: string | null }): number[] {
  if (!anyClosedWithoutChoice(db, correction.professional_id, correction.field)) return [];
  const closed = statement<{ id: number; file_value: string | null }>(
    db,
    `SELECT id, file_value FROM registry_conflicts
      WHERE closed_by = ? AND resolved_at IS NOT NULL AND resolution IS NULL
        AND NOT EXISTS (SELECT 1 FROM registry_conflicts o WHERE o.professional_id = registry_conflicts.professional_id AND o.field = registry_conflicts.field
                          AND (o.resolved_at IS NULL OR o.id > registry_conflicts.id))`,
  ).all(correction.uuid);
  if (closed.length === 0) return [];
  const desk = currentCorrectionText(requireProfessional(db, correction.professional_id), correction.field);
  const reopen = statement(db, 'UPDATE registry_conflicts SET resolved_at = NULL, operator = NULL, closed_by = NULL WHERE id = ?');
  const opened: number[] = [];
  for (const conflict of closed) {
    // Its value was the file's (a link a store of an earlier version inferred may not be), and the record's no longer is.
    if (!sameBarSpelling(correction.field, correction.new_value, conflict.file_value) || sameBarSpelling(correction.field, desk, conflict.file_value)) continue;
    reopen.run(conflict.id);
    opened.push(conflict.id);
  }
  return opened;
}

/**
 * Closes again the record's open conflicts of `field` whose file value the record is back on, once a
 * later correction that took it off was cancelled, rejected or undone: the correction that holds
 * that value (the newest of the field still standing) closed them first, and is named again. Answers
 * their ids. The caller owns the transaction, after the record took its value back.
 */
export function closeConflictsAgreedAgain(db: Database, professionalId: number, field: string, now: string, operator: string): number[] {
  const open = statement(db, 'SELECT 1 FROM registry_conflicts WHERE professional_id = ? AND field = ? AND resolved_at IS NULL LIMIT 1').pluck().get(professionalId, field);
  if (open === undefined) return [];
  const value = currentCorrectionText(requireProfessional(db, professionalId), field);
  const holder = statement<{ uuid: string }>(
    db,
    "SELECT uuid FROM corrections WHERE professional_id = ? AND field = ? AND new_value IS ? AND status NOT IN ('cancelled', 'rejected') ORDER BY id DESC LIMIT 1",
  ).get(professionalId, field, value);
  return holder ? closeAgreedConflicts(db, professionalId, [{ field, uuid: holder.uuid }], now, operator) : [];
}

/**
 * closeConflictsAgreedAgain for many fields of many records at once (an import undone or rolled
 * back): open conflicts are few, so they are read first. Answers the ids closed.
 */
export function closeConflictsAgreedAgainOf(db: Database, fields: Iterable<readonly [number, string]>, now: string, operator: string): number[] {
  const open = new Set(
    (db.prepare('SELECT DISTINCT professional_id AS id, field FROM registry_conflicts WHERE resolved_at IS NULL').all() as { id: number; field: string }[]).map((c) => `${c.id}:${c.field}`),
  );
  if (open.size === 0) return [];
  const closed: number[] = [];
  for (const [professionalId, field] of fields) {
    if (open.has(`${professionalId}:${field}`)) closed.push(...closeConflictsAgreedAgain(db, professionalId, field, now, operator));
  }
  return closed;
}

/**
 * Opens again the conflicts the corrections of import `importId` closed (see reopenConflictsClosedBy),
 * once the import is undone or rolled back and its records are back on their values; the records in
 * `keep` keep what the import wrote. Answers their ids. The caller owns the transaction.
 */
export function reopenConflictsClosedByImport(db: Database, importId: number, keep: ReadonlySet<number> = new Set()): number[] {
  const closers = statement<{ uuid: string; professional_id: number; field: string; new_value: string | null }>(
    db,
    `SELECT k.uuid, k.professional_id, k.field, k.new_value FROM registry_conflicts c JOIN corrections k ON k.uuid = c.closed_by
      WHERE k.import_id = ? AND c.resolved_at IS NOT NULL ORDER BY c.id`,
  ).all(importId);
  return closers.filter((k) => !keep.has(k.professional_id)).flatMap((k) => reopenConflictsClosedBy(db, k));
}

/**
 * The open conflicts the rows of a corrections import would close, counted as the rows are checked
 * (a preview writes nothing, so the writing side cannot say it). Open conflicts are few: read once.
 */
export class AgreeingConflicts {
  private readonly open = new Map<number, { id: number; field: string; file: string | null }[]>();
  private readonly counted = new Set<number>();
  /** Conflicts a correction closed, by record: a row taking the record off their value opens them again. */
  private readonly closedByCorrection = new Map<number, { id: number; field: string; file: string | null }[]>();
  private readonly reopened = new Set<number>();

  constructor(db: Database) {
    const rows = db.prepare('SELECT id, professional_id AS professional, field, file_value AS file FROM registry_conflicts WHERE resolved_at IS NULL').all() as {
      id: number;
      professional: number;
      field: string;
      file: string | null;
    }[];
    for (const { professional, ...conflict } of rows) this.open.set(professional, [...(this.open.get(professional) ?? []), conflict]);
    const closed = db.prepare(`SELECT id, professional_id AS professional, field, file_value AS file FROM registry_conflicts WHERE ${CLOSED_BY_CORRECTION}`).all() as { id: number; professional: number; field: string; file: string | null }[];
    for (const { professional, ...conflict } of closed) this.closedByCorrection.set(professional, [...(this.closedByCorrection.get(professional) ?? []), conflict]);
  }

  /** How many conflicts a correction closed, not counted yet, the items take the record off the file value of (reopenConflictsLeftBy). */
  reopenedBy(professionalId: number, items: readonly { field: string; newValue: string | null }[]): number {
    let reopened = 0;
    for (const conflict of this.closedByCorrection.get(professionalId) ?? []) {
      const item = items.findLast((i) => i.field === conflict.field);
      if (!item || this.reopened.has(conflict.id) || sameBarSpelling(conflict.field, item.newValue, conflict.file)) continue;
      this.reopened.add(conflict.id);
      reopened++;
    }
    return reopened;
  }

  /**
   * How many more open conflicts of the record the items bring to their file value: one an earlier
   * row closed and these items take off that value again counts back (the writing side opens it again).
   */
  closedBy(professionalId: number, items: readonly { field: string; newValue: string | null }[]): number {
    const open = this.open.get(professionalId);
    if (!open) return 0;
    let closed = 0;
    for (const conflict of open) {
      const item = items.findLast((i) => i.field === conflict.field);
      if (!item) continue;
      const agrees = sameBarSpelling(conflict.field, item.newValue, conflict.file);
      if (agrees === this.counted.has(conflict.id)) continue;
      if (agrees) this.counted.add(conflict.id);
      else this.counted.delete(conflict.id);
      closed += agrees ? 1 : -1;
    }
    return closed;
  }
}
