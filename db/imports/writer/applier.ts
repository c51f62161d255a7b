// Writes the operations of a corrections import into the store, inside a transaction its caller
// opened: each accepted row updates its record (guarded by the row version it was checked
// against), queues one pending correction per item with its history entry, answers the rejections
// of those fields, closes the registry conflicts whose file value the record now holds and opens
// again those an earlier correction closed that it takes off that value (as a correction saved at
// the desk does), and replaces the record's rule pendências on the fields the row decides (the
// others stay: a shared address, a DIP request at risk); each problem of a rejected row becomes an
// import_errors row. The one-transaction import (importWriter.ts) and the staged one
// (stagedWriter.ts) share it.
import type { Database, Statement } from 'better-sqlite3';
import type { ErrorCode } from '../../../shared/errors';
import type { FieldName, FieldValue } from '../../../shared/fields';
import { caseOfPendency } from '../../../shared/rules/pendencyCases';
import { recordPendencies } from '../../../shared/rules/pendencies';
import { columnsOfCorrectionField } from '../../../shared/rules/motherFact';
import { foldForSearch } from '../../../shared/text';
import { closeAgreedConflicts, reopenConflictsLeftBy, type Closer } from '../../agreedConflicts';
import { directoryUfOf } from '../../cep';
import { resolveRejectionsBy } from '../../corrections';
import { toProfessional, type ProfessionalRow } from '../../professionalRow';
import { columnValue } from '../../recordState';
import { changeRestedOn } from './stillRight';
import { valuesOfCorrectionText } from '../../../shared/rules/correctionText';
import { BatchedInsert } from '../kinds/batchedInsert';
import { OP_CORRECTION, OP_ERROR } from './ops';

/** Ids of the records that have rows of a kind (rule pendências, load notes, open rejections or conflicts), by id. */
function idFlags(db: Database, sql: string): Uint8Array {
  const max = (db.prepare('SELECT max(id) AS id FROM professionals').get() as { id: number | null }).id ?? 0;
  const flags = new Uint8Array(max + 1);
  for (const row of db.prepare(sql).iterate() as Iterable<{ id: number }>) if (row.id <= max) flags[row.id] = 1;
  return flags;
}

/** A record changed since the import checked its row: its operation would overwrite that change. */
export class StaleRecord extends Error {
  /** `field`: what changed that the row corrects or rests on, when known. */
  constructor(
    readonly professionalId: number,
    readonly field: string | null = null,
  ) {
    super(`professional ${professionalId} changed during the import`);
    this.name = 'StaleRecord';
  }
}

/** A load note the import removed (the main system's value it corrected), kept to put back on a rollback. */
export interface DroppedNote {
  professionalId: number;
  code: string;
  field: string | null;
  message: string;
}

export interface ApplierOptions {
  importId: number;
  operator: string;
  now: string;
  fileName: string;
  /** The correction UUIDs, in order. */
  uuid: () => string;
  /** Told of every load note about to be removed. */
  onDroppedNotes?: (notes: DroppedNote[]) => void;
  /**
   * The last record_history entry when the import began (staged imports): a row whose record someone
   * else changed since its check is still written when that change left alone what the row rests on
   * (stillRight.ts). Without it, such a row is stale.
   */
  historyBefore?: number;
}

export class CorrectionApplier {
  private readonly note: string;
  private readonly corrections: BatchedInsert;
  private readonly history: BatchedInsert;
  private readonly errors: Statement;
  private readonly byId: Statement<[number], ProfessionalRow>;
  /** Records with rule pendências, load notes, rejections still open (looked at only for those; read at the first row). */
  private withRules: Uint8Array = new Uint8Array(0);
  private withLoadNotes: Uint8Array = new Uint8Array(0);
  private withRejections: Uint8Array = new Uint8Array(0);
  private withConflicts: Uint8Array = new Uint8Array(0);
  /** Records with a conflict a correction closed (a later correction may open it again). */
  private withClosedByCorrection: Uint8Array = new Uint8Array(0);
  private flagsRead = false;
  /** By the fields they remove the rule pendências of (dropRulesOn). */
  private readonly dropRules = new Map<string, Statement>();
  private readonly addRule: Statement;
  private readonly dropLoadNote: Statement;
  private readonly loadNotes: Statement<[number, string], DroppedNote>;
  private readonly updates = new Map<string, Statement>();
  /** The records this applier updated (for their seals, db/bulkTriggers.ts). */
  readonly updated: number[] = [];
  /** The registry conflicts this applier closed (the record came to the main system's value). */
  readonly closedConflicts: number[] = [];

  constructor(
    private readonly db: Database,
    private readonly options: ApplierOptions,
  ) {
    this.note = `Importação nº ${options.importId}: ${options.fileName}`.slice(0, 200);
    this.corrections = new BatchedInsert(
      db,
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival,
         evidence_date, evidence_note, operator, created_at, status, source, dip_consequence, import_id, import_row_version) VALUES`,
      "(?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 'pending', 'import', ?, ?, ?)",
      13,
    );
    this.history = new BatchedInsert(
      db,
      'INSERT INTO record_history (professional_id, at, operator, kind, field, old_value, new_value, correction_uuid, import_id, batch_id, note) VALUES',
      "(?, ?, ?, 'correction_import', ?, ?, ?, ?, ?, NULL, ?)",
      9,
    );
    this.byId = db.prepare('SELECT * FROM professionals WHERE id = ?');
    this.errors = db.prepare('INSERT INTO import_errors (import_id, row, "column", code, message, raw_row) VALUES (?, ?, ?, ?, ?, ?)');
    this.addRule = db.prepare("INSERT INTO pendencies (professional_id, code, field, message, source, case_letter) VALUES (?, ?, ?, ?, 'rule', ?)");
    this.dropLoadNote = db.prepare("DELETE FROM pendencies WHERE professional_id = ? AND source = 'load' AND field = ?");
    this.loadNotes = db.prepare<[number, string], DroppedNote>(
      "SELECT professional_id AS professionalId, code, field, message FROM pendencies WHERE professional_id = ? AND source = 'load' AND field = ?",
    );
  }

  /** Applies a sequence of operations (see ops.ts), in order. Throws StaleRecord for a record changed meanwhile. */
  apply(ops: readonly unknown[]): void {
    let at = 0;
    while (at < ops.length) {
      const code = ops[at];
      if (code === OP_CORRECTION) at = this.correction(ops, at);
      else if (code === OP_ERROR) {
        this.errors.run(this.options.importId, ops[at + 1], ops[at + 2], ops[at + 3], ops[at + 4], ops[at + 5]);
        at += 6;
      } else throw new Error(`unknown import operation ${String(code)}`);
    }
  }

  private readFlags(): void {
    const { db } = this;
    this.withRules = idFlags(db, "SELECT DISTINCT professional_id AS id FROM pendencies WHERE source = 'rule'");
    this.withLoadNotes = idFlags(db, "SELECT DISTINCT professional_id AS id FROM pendencies WHERE source = 'load'");
    this.withRejections = idFlags(db, "SELECT DISTINCT professional_id AS id FROM corrections WHERE status = 'rejected' AND resolved_at IS NULL");
    this.withConflicts = idFlags(db, 'SELECT DISTINCT professional_id AS id FROM registry_conflicts WHERE resolved_at IS NULL');
    this.withClosedByCorrection = idFlags(db, 'SELECT DISTINCT professional_id AS id FROM registry_conflicts WHERE closed_by IS NOT NULL AND resolution IS NULL');
    this.flagsRead = true;
  }

  private correction(ops: readonly unknown[], at: number): number {
    if (!this.flagsRead) this.readFlags();
    const { now, operator, importId } = this.options;
    const id = ops[at + 1] as number;
    const expected = ops[at + 2] as number;
    const dip = ops[at + 3] as string;
    const reason = ops[at + 4] as string;
    const evidence = ops[at + 5] as string;
    const count = ops[at + 6] as number;
    const columns: string[] = [];
    const values: (string | number | null)[] = [];
    for (let i = 0; i < count; i++) {
      const field = ops[at + 7 + i * 3] as string;
      const text = ops[at + 9 + i * 3] as string | null;
      // One item may set two columns (`mother`: the name and the flag).
      for (const [column, value] of Object.entries(valuesOfCorrectionText(field, text)) as [FieldName, FieldValue][]) {
        const [name, stored] = columnValue(column, value);
        columns.push(name);
        values.push(stored);
        if (column === 'name') {
          columns.push('name_folded');
          values.push(foldForSearch(String(value ?? '')));
        }
      }
    }
    const key = columns.join(',');
    let update = this.updates.get(key);
    if (!update) {
      update = this.db.prepare(
        `UPDATE professionals SET ${columns.map((c) => `${c} = ?`).join(', ')}, row_version = row_version + 1, updated_at = ? WHERE id = ? AND row_version = ?`,
      );
      this.updates.set(key, update);
    }
    let version = expected;
    if (update.run(...values, now, id, expected).changes !== 1) {
      version = this.versionStillRight(ops, at, id, count);
      if (update.run(...values, now, id, version).changes !== 1) throw new StaleRecord(id);
    }
    this.updated.push(id);
    const loadNotes = id < this.withLoadNotes.length && this.withLoadNotes[id] === 1;
    // Conflicts are rare: the corrections that may close or open them again are kept only for those records.
    const closers: Closer[] | null = this.hasConflicts(id) ? [] : null;
    for (let i = 0; i < count; i++) {
      const base = at + 7 + i * 3;
      const field = ops[base] as string;
      const uuid = this.options.uuid();
      this.corrections.add(uuid, id, field, ops[base + 1], ops[base + 2], reason, evidence, this.note, operator, now, dip, importId, version + 1);
      this.history.add(id, now, operator, field, ops[base + 1], ops[base + 2], uuid, importId, reason);
      closers?.push({ field, uuid });
      // A new correction of a field answers the rejections of that field (rare: looked at only where there are some).
      if (id < this.withRejections.length && this.withRejections[id] === 1) resolveRejectionsBy(this.db, id, [field], now, uuid);
      if (loadNotes) {
        for (const column of columnsOfCorrectionField(field)) {
          if (this.options.onDroppedNotes) this.options.onDroppedNotes(this.loadNotes.all(id, column));
          this.dropLoadNote.run(id, column);
        }
      }
    }
    if (closers) this.settleConflicts(id, closers);
    let next = at + 7 + count * 3;
    const decided = ops[next] as string;
    let pendencies = ops[next + 1] as number;
    next += 2;
    if (id < this.withRules.length && this.withRules[id] === 1) this.dropRulesOn(decided).run(id, ...decided.split(','));
    const end = next + pendencies * 3;
    // The check computed them on the record it saw: one changed since is looked at as it is now.
    const found =
      version === expected
        ? null
        : recordPendencies(toProfessional(this.byId.get(id) as ProfessionalRow), {
            directoryUfOf: (cep) => directoryUfOf(this.db, cep),
            fields: new Set(decided.split(',') as FieldName[]),
          });
    if (found) {
      pendencies = found.length;
      for (const p of found) this.addRule.run(id, p.code, p.field, p.message, caseOfPendency(p.code, p.field));
    } else {
      for (; next < end; next += 3) {
        const code = ops[next] as ErrorCode;
        const field = ops[next + 1] as FieldName | null;
        this.addRule.run(id, code, field, ops[next + 2], caseOfPendency(code, field));
      }
    }
    // Pendências on the fields the row left alone may remain: the flag goes down only with the records' own rows.
    if (id < this.withRules.length && pendencies > 0) this.withRules[id] = 1;
    return end;
  }

  /** Removes a record's rule pendências on the fields of `decided` (comma-separated, as ops.ts carries them). */
  private dropRulesOn(decided: string): Statement {
    let drop = this.dropRules.get(decided);
    if (!drop) {
      const marks = decided.split(',').map(() => '?');
      drop = this.db.prepare(`DELETE FROM pendencies WHERE professional_id = ? AND source = 'rule' AND field IN (${marks.join(', ')})`);
      this.dropRules.set(decided, drop);
    }
    return drop;
  }

  /**
   * The version of a record someone else changed since the row was checked, when the row is still
   * right on it: every field it corrects still holds what the check saw, and nobody changed what
   * the row rests on (stillRight.ts). Otherwise the row is stale.
   */
  private versionStillRight(ops: readonly unknown[], at: number, id: number, count: number): number {
    const row = this.options.historyBefore === undefined ? undefined : this.byId.get(id);
    if (!row) throw new StaleRecord(id);
    const stored = row as unknown as Record<string, unknown>;
    const fields: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = ops[at + 7 + i * 3] as string;
      fields.push(field);
      for (const [column, value] of Object.entries(valuesOfCorrectionText(field, ops[at + 8 + i * 3] as string | null)) as [FieldName, FieldValue][]) {
        const [name, value_] = columnValue(column, value);
        if (stored[name] !== value_) throw new StaleRecord(id, field);
      }
    }
    const changed = changeRestedOn(this.db, id, this.options.historyBefore as number, this.options.importId, fields);
    if (changed) throw new StaleRecord(id, changed.field);
    return row.row_version;
  }

  /** Whether the record has an open conflict, or one a correction closed. */
  private hasConflicts(id: number): boolean {
    return (id < this.withConflicts.length && this.withConflicts[id] === 1) || (id < this.withClosedByCorrection.length && this.withClosedByCorrection[id] === 1);
  }

  /**
   * After a row's corrections: the record's conflicts it brought to the main system's value close,
   * those an earlier correction closed and it took off that value open again (counted net).
   */
  private settleConflicts(id: number, closers: readonly Closer[]): void {
    const { now, operator } = this.options;
    const reopened = reopenConflictsLeftBy(this.db, id, closers.map((k) => k.field));
    const closed = closeAgreedConflicts(this.db, id, closers, now, operator);
    if (reopened.length > 0) {
      const stillClosed = this.closedConflicts.filter((c) => !reopened.includes(c));
      this.closedConflicts.splice(0, this.closedConflicts.length, ...stillClosed);
    }
    this.closedConflicts.push(...closed);
    if (closed.length > 0 && id < this.withClosedByCorrection.length) this.withClosedByCorrection[id] = 1;
    if (reopened.length > 0 && id < this.withConflicts.length) this.withConflicts[id] = 1;
  }

  /** Writes the rows still buffered (before the transaction ends). */
  flush(): void {
    this.corrections.flush();
    this.history.flush();
  }
}
