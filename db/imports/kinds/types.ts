// What each kind of import does with one data row: check it against the rules and, when valid,
// write it into the import's open transaction.
import type { Database } from 'better-sqlite3';
import type { ImportConflict, RowStatus } from '../../../shared/contract/imports';
import type { DipConsequence } from '../../../shared/domain';
import type { ColumnMap, RowIssue } from '../columns';
import type { RawRow } from '../readers/source';
import type { WriterLink } from '../writer/link';

export interface RowOutcome {
  status: RowStatus;
  issues: RowIssue[];
  /** Fields changed (corrections), or 1 for a record or CEP written. */
  changes: number;
  dipConsequence: DipConsequence;
  /** Who the row is about, when found ("Ana Paula Ferreira (registro 10001)"). */
  who?: string;
  /** What it changes, as people read it (for the preview). */
  diff?: { field: string; from: string; to: string }[];
  /** Registry: the row adds a record the desk did not have. */
  created?: boolean;
}

export interface ProcessorContext {
  /** The job's connection: lookups, and the writes of kinds that write on it directly. */
  db: Database;
  /** The import's writing side (see writer/link.ts). */
  link: WriterLink;
  importId: number;
  /** ISO time stamp of everything the import writes. */
  now: string;
  operator: string;
  fileName: string;
  /** Reason recorded when a row's "Motivo" is empty. */
  defaultReason: string;
  columns: ColumnMap;
  /** UUIDs of the rows a kind writes itself (CEP changes). */
  uuid: () => string;
  /** How many conflicts to list in the summary (all are stored). */
  conflictLimit: number;
  /** "All or nothing": a rejected row means no row is written (the messages say what to do then). */
  allOrNothing: boolean;
}

export interface ProcessorTotals {
  corrections: number;
  inserted: number;
  updated: number;
  /** Registry: rows whose record has a pendência after the load. */
  flagged: number;
  /** Registry: rows where the desk kept a value the main system has not caught up with. */
  kept: number;
  /** Registry: conflicts stored. */
  conflicts: number;
  /** Registry: rows with at least one conflict. */
  rowsWithConflicts?: number;
  /** Registry: open conflicts the load closed (registryStaleConflicts.ts). */
  conflictsClosed?: number;
  /** Corrections: conflicts an earlier correction closed that the rows open again (agreedConflicts.ts). */
  conflictsReopened?: number;
  /** Registry: cells read without the invisible characters they held (registryCells.ts). */
  cleaned?: number;
}

export interface KindProcessor {
  /**
   * Optional: gets ready for the next rows (looks their records up together). `records`: the
   * record id each row had when the file was read (rows checked in the store's order), or null.
   */
  prefetch?(rows: readonly RawRow[], records: readonly (number | null)[] | null): void;
  /**
   * Optional: how to find the record each row is about, as the store has it before the import
   * (null: none), so the rows may be checked in the store's order (storeOrder.ts); null when their
   * order matters.
   */
  storeOrder?(): ((rows: readonly RawRow[]) => (number | null)[]) | null;
  /**
   * Optional: sees every row of the file, in file order, before any is checked (the rows are then
   * checked in file order). For a kind whose row may depend on a row further down.
   */
  readAhead?(row: RawRow): void;
  process(row: RawRow): RowOutcome;
  /** Writes what is still buffered (before the import's transaction ends). */
  flush(): void;
  totals(): ProcessorTotals;
  /** Registry: the first conflicts, for the summary. */
  conflictList?(): ImportConflict[];
}

export function rejected(issues: RowIssue[]): RowOutcome {
  return { status: 'rejected', issues, changes: 0, dipConsequence: 'none' };
}
