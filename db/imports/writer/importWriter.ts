// The writing side of an import: one transaction on its own connection, the import's row, the
// corrections and record updates of accepted rows (with the record's history, the rejections they
// answer and its pendências), the problems of rejected ones, and the end — commit with its audit
// entry, or roll back. It runs in a thread of its own beside the checking side (see link.ts), or on
// the same connection when no thread is available.
import type { Database, Statement } from 'better-sqlite3';
import type { ImportMapping, ImportKind } from '../../../shared/contract/imports';
import type { FieldName, FieldValue } from '../../../shared/fields';
import { columnsOfCorrectionField } from '../../../shared/rules/motherFact';
import { foldForSearch } from '../../../shared/text';
import { appendAudit } from '../../audit';
import { resolveRejectionsBy } from '../../corrections';
import { columnValue, valuesOfCorrectionText } from '../../recordState';
import type { ProfessionalRow } from '../../registry';
import { finishImport, insertImport, type NewImport } from '../history';
import { BatchedInsert } from '../kinds/batchedInsert';
import { rememberMapping } from '../mappings';
import { uuidV7Sequence } from '../uuid';
import { OP_CORRECTION, OP_ERROR, type FinishData, type FreshQuery } from './ops';

/** Ids of the records that have rows of a kind (rule pendências, load notes, open rejections), by id. */
function idFlags(db: Database, sql: string): Uint8Array {
  const max = (db.prepare('SELECT max(id) AS id FROM professionals').get() as { id: number | null }).id ?? 0;
  const flags = new Uint8Array(max + 1);
  for (const row of db.prepare(sql).iterate() as Iterable<{ id: number }>) if (row.id <= max) flags[row.id] = 1;
  return flags;
}

export class ImportWriter {
  private importId = 0;
  private operator = '';
  private now = '';
  private note = '';
  private uuid: () => string = () => '';
  private corrections: BatchedInsert | null = null;
  private history: BatchedInsert | null = null;
  private errors: Statement | null = null;
  /** Records with rule pendências, load notes, rejections still open (looked at only for those). */
  private withRules: Uint8Array = new Uint8Array(0);
  private withLoadNotes: Uint8Array = new Uint8Array(0);
  private withRejections: Uint8Array = new Uint8Array(0);
  private dropRules: Statement | null = null;
  private addRule: Statement | null = null;
  private dropLoadNote: Statement | null = null;
  private readonly updates = new Map<string, Statement>();
  private readonly fresh = new Map<FreshQuery['by'], Statement<[unknown], ProfessionalRow>>();

  constructor(private readonly db: Database) {}

  /** Starts the transaction and records the import; answers its number. */
  begin(data: NewImport): number {
    const { db } = this;
    db.exec('BEGIN IMMEDIATE');
    this.importId = insertImport(db, data);
    this.operator = data.operator;
    this.now = data.startedAt;
    this.note = `Importação nº ${this.importId}: ${data.fileName}`.slice(0, 200);
    this.uuid = uuidV7Sequence(Date.parse(data.startedAt));
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
    this.errors = db.prepare('INSERT INTO import_errors (import_id, row, "column", code, message, raw_row) VALUES (?, ?, ?, ?, ?, ?)');
    if (data.kind === 'corrections') {
      this.withRules = idFlags(db, "SELECT DISTINCT professional_id AS id FROM pendencies WHERE source = 'rule'");
      this.withLoadNotes = idFlags(db, "SELECT DISTINCT professional_id AS id FROM pendencies WHERE source = 'load'");
      this.withRejections = idFlags(db, "SELECT DISTINCT professional_id AS id FROM corrections WHERE status = 'rejected' AND resolved_at IS NULL");
      this.dropRules = db.prepare("DELETE FROM pendencies WHERE professional_id = ? AND source = 'rule'");
      this.addRule = db.prepare("INSERT INTO pendencies (professional_id, code, field, message, source) VALUES (?, ?, ?, ?, 'rule')");
      this.dropLoadNote = db.prepare("DELETE FROM pendencies WHERE professional_id = ? AND source = 'load' AND field = ?");
    }
    return this.importId;
  }

  /** Applies a sequence of operations (see ops.ts), in order. */
  apply(ops: readonly unknown[]): void {
    let at = 0;
    while (at < ops.length) {
      const code = ops[at];
      if (code === OP_CORRECTION) at = this.correction(ops, at);
      else if (code === OP_ERROR) {
        this.errors?.run(this.importId, ops[at + 1], ops[at + 2], ops[at + 3], ops[at + 4], ops[at + 5]);
        at += 6;
      } else throw new Error(`unknown import operation ${String(code)}`);
    }
  }

  private correction(ops: readonly unknown[], at: number): number {
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
    if (update.run(...values, this.now, id, expected).changes !== 1) throw new Error(`professional ${id} changed during the import`);
    const loadNotes = id < this.withLoadNotes.length && this.withLoadNotes[id] === 1;
    for (let i = 0; i < count; i++) {
      const base = at + 7 + i * 3;
      const field = ops[base] as string;
      const uuid = this.uuid();
      this.corrections?.add(uuid, id, field, ops[base + 1], ops[base + 2], reason, evidence, this.note, this.operator, this.now, dip, this.importId, expected + 1);
      this.history?.add(id, this.now, this.operator, field, ops[base + 1], ops[base + 2], uuid, this.importId, reason);
      // A new correction of a field answers the rejections of that field (rare: looked at only where there are some).
      if (id < this.withRejections.length && this.withRejections[id] === 1) resolveRejectionsBy(this.db, id, [field], this.now, uuid);
      if (loadNotes) for (const column of columnsOfCorrectionField(field)) this.dropLoadNote?.run(id, column);
    }
    let next = at + 7 + count * 3;
    const pendencies = ops[next] as number;
    next++;
    if (id < this.withRules.length && this.withRules[id] === 1) this.dropRules?.run(id);
    for (let i = 0; i < pendencies; i++, next += 3) this.addRule?.run(id, ops[next], ops[next + 1], ops[next + 2]);
    if (id < this.withRules.length) this.withRules[id] = pendencies > 0 ? 1 : 0;
    return next;
  }

  /** A professionals row as this transaction sees it (with the import's own changes). */
  lookup(query: FreshQuery): ProfessionalRow | null {
    let statement = this.fresh.get(query.by);
    if (!statement) {
      const column = query.by === 'id' ? 'id' : query.by === 'cpf' ? 'cpf' : 'registration_number';
      statement = this.db.prepare(`SELECT * FROM professionals WHERE ${column} = ?`);
      this.fresh.set(query.by, statement);
    }
    return statement.get(query.key) ?? null;
  }

  /** Commits with the import's record and audit entry, or rolls back; then folds the log back in. */
  finish(data: FinishData): void {
    const { db } = this;
    this.corrections?.flush();
    this.history?.flush();
    const remember = () => rememberMapping(db, data.mapping.kind as ImportKind, data.mapping.headers, data.mapping.mapping as ImportMapping, data.finishedAt);
    if (data.written) {
      finishImport(db, this.importId, data.counts, data.finishedAt, data.tallies);
      appendAudit(db, { at: data.finishedAt, operator: this.operator, action: 'import.run', entity: 'import', entityId: String(this.importId), detail: data.auditDetail });
      remember();
      // Inline, SQLite folds the write-ahead log back into the file at this commit; in the writer
      // thread that waits until the import's answer is out (worker.ts).
      db.exec('COMMIT');
    } else {
      db.exec('ROLLBACK');
      if (data.rememberMapping) remember();
    }
  }

  abort(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
