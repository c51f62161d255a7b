// The record's Histórico: every change of a professional's fields, whatever made it. The audit
// trail proves who did what to the store; this table answers "how did this field get this value?"
// for one record, including registry loads and Implanta's answers, which the audit records per file.
import type { Database } from 'better-sqlite3';
import { statement } from './statements';
import type { recordHistory } from './schema';
import type { SqlRow } from './sqlRow';

/** What made a change. */
export const HISTORY_KINDS = [
  'correction', // saved in the form or the command line
  'correction_import', // a spreadsheet of corrections
  'registry_load', // the council's main system (a registry import)
  'registry_created', // a record the main system loaded for the first time
  'synced', // Implanta applied a correction: its value is now Implanta's too
  'rejected', // Implanta rejected a correction: the record shows Implanta's value again
  'rejection_dismissed', // the clerk dismissed a rejection with a reason
  'cancelled', // the clerk cancelled a correction before it left the desk
  'conflict_kept', // a registry conflict: the clerk kept the correction
  'conflict_file', // a registry conflict: the clerk took the main system's value
  'dip_update', // Implanta's answer said the DIP status
  'import_undone', // a spreadsheet import was undone
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export interface HistoryEntry {
  professionalId: number;
  at: string;
  operator: string;
  kind: HistoryKind;
  /** A correction field (`mother` for the mother fact), `dipStatus`, or null for the whole record. */
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  correctionUuid?: string | null;
  importId?: number | null;
  batchId?: number | null;
  note?: string | null;
}

export interface HistoryRow extends Required<HistoryEntry> {
  id: number;
}

/** Appends one entry; the caller owns the transaction. */
export function appendHistory(db: Database, entry: HistoryEntry): void {
  statement(
    db,
    `INSERT INTO record_history (professional_id, at, operator, kind, field, old_value, new_value, correction_uuid, import_id, batch_id, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.professionalId,
    entry.at,
    entry.operator,
    entry.kind,
    entry.field,
    entry.oldValue,
    entry.newValue,
    entry.correctionUuid ?? null,
    entry.importId ?? null,
    entry.batchId ?? null,
    entry.note ?? null,
  );
}

/** A record_history row as SQLite returns it (`SELECT *`). */
type Row = SqlRow<typeof recordHistory>;

/** A record's history, newest first. */
export function historyOf(db: Database, professionalId: number, limit = 500): HistoryRow[] {
  return statement<Row>(db, 'SELECT * FROM record_history WHERE professional_id = ? ORDER BY id DESC LIMIT ?')
    .all(professionalId, limit)
    .map((r) => ({
      id: r.id,
      professionalId: r.professional_id,
      at: r.at,
      operator: r.operator,
      kind: r.kind,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      correctionUuid: r.correction_uuid,
      importId: r.import_id,
      batchId: r.batch_id,
      note: r.note,
    }));
}
