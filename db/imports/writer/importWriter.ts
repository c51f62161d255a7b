// The writing side of an import: one transaction on its own connection, the import's row, the
// corrections and record updates of accepted rows, the problems of rejected ones, and the end —
// commit with its audit entry, or roll back. It runs in a thread of its own beside the checking
// side (see link.ts), or on the same connection when no thread is available.
import type { Database, Statement } from 'better-sqlite3';
import type { ImportMapping, ImportKind } from '../../../shared/contract/imports';
import { isFieldName, type FieldName } from '../../../shared/fields';
import { foldForSearch } from '../../../shared/text';
import { appendAudit } from '../../audit';
import type { ProfessionalRow } from '../../registry';
import { finishImport, insertImport, type NewImport } from '../history';
import { BatchedInsert } from '../kinds/batchedInsert';
import { columnValue } from '../kinds/professionals';
import { rememberMapping } from '../mappings';
import { uuidV7Sequence } from '../uuid';
import { OP_CORRECTION, OP_ERROR, type FinishData, type FreshQuery } from './ops';

/** A correction's text value back as the stored value (the flag is "true"/"false" in corrections). */
export function storedValue(field: FieldName, text: string | null): string | number | null {
  if (field === 'motherNotListed') return text === 'true' ? 1 : 0;
  return columnValue(field, text)[1];
}

export class ImportWriter {
  private importId = 0;
  private operator = '';
  private now = '';
  private note = '';
  private uuid: () => string = () => '';
  private corrections: BatchedInsert | null = null;
  private errors: Statement | null = null;
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
    this.errors = db.prepare('INSERT INTO import_errors (import_id, row, "column", code, message, raw_row) VALUES (?, ?, ?, ?, ?, ?)');
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
      if (!isFieldName(field)) throw new Error(`unknown field ${field}`);
      const text = ops[at + 9 + i * 3] as string | null;
      columns.push(columnValue(field, null)[0]);
      values.push(storedValue(field, text));
      if (field === 'name' && text !== null) {
        columns.push('name_folded');
        values.push(foldForSearch(text));
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
    for (let i = 0; i < count; i++) {
      const base = at + 7 + i * 3;
      this.corrections?.add(this.uuid(), id, ops[base], ops[base + 1], ops[base + 2], reason, evidence, this.note, this.operator, this.now, dip, this.importId, expected + 1);
    }
    return at + 7 + count * 3;
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
    const remember = () => rememberMapping(db, data.mapping.kind as ImportKind, data.mapping.headers, data.mapping.mapping as ImportMapping, data.finishedAt);
    if (data.written) {
      finishImport(db, this.importId, data.counts, data.finishedAt);
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
