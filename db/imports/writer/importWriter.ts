// The writing side of a registry or CEP import: one transaction on the job's own connection, taken
// IMMEDIATE at the start — the import's row, whatever the kind writes as it goes, the problems of
// rejected rows — and the end: commit with its audit entry, or roll back. Those kinds read and write
// the store row by row, so they hold the writer lock while they run; corrections imports, the big
// monthly files, are staged instead (stagedWriter.ts) and hold it only for short steps.
import type { Database } from 'better-sqlite3';
import type { ImportKind, ImportMapping } from '../../../shared/contract/imports';
import { appendAudit } from '../../audit';
import type { ProfessionalRow } from '../../registry';
import { finishImport, insertImport, type NewImport } from '../history';
import { rememberMapping } from '../mappings';
import { uuidV7Sequence } from '../uuid';
import { CorrectionApplier } from './applier';
import type { FinishData, FreshQuery } from './ops';
import { nextImportId } from './reservations';
import { writeTransaction } from '../../storeLock';

export class ImportWriter {
  private importId = 0;
  private operator = '';
  private applier: CorrectionApplier | null = null;
  private readonly fresh = new Map<FreshQuery['by'], ReturnType<Database['prepare']>>();

  constructor(private readonly db: Database) {}

  /** Starts the transaction and records the import; answers its number. */
  begin(data: NewImport): number {
    const { db } = this;
    db.exec('BEGIN IMMEDIATE');
    this.importId = insertImport(db, data, nextImportId(db));
    this.operator = data.operator;
    this.applier = new CorrectionApplier(db, {
      importId: this.importId,
      operator: data.operator,
      now: data.startedAt,
      fileName: data.fileName,
      uuid: uuidV7Sequence(Date.parse(data.startedAt)),
    });
    return this.importId;
  }

  /** Applies a sequence of operations (see ops.ts), in order. */
  apply(ops: readonly unknown[]): void {
    this.applier?.apply(ops);
  }

  /** A professionals row as this transaction sees it (with the import's own changes). */
  lookup(query: FreshQuery): ProfessionalRow | null {
    let statement = this.fresh.get(query.by);
    if (!statement) {
      const column = query.by === 'id' ? 'id' : query.by === 'cpf' ? 'cpf' : 'registration_number';
      statement = this.db.prepare(`SELECT * FROM professionals WHERE ${column} = ?`);
      this.fresh.set(query.by, statement);
    }
    return (statement.get(query.key) as ProfessionalRow | undefined) ?? null;
  }

  /** Commits with the import's record and audit entry, or rolls back; answers the import's number when written. */
  finish(data: FinishData): number | null {
    const { db } = this;
    this.applier?.flush();
    const remember = () => rememberMapping(db, data.mapping.kind as ImportKind, data.mapping.headers, data.mapping.mapping as ImportMapping, data.finishedAt);
    if (data.written) {
      finishImport(db, this.importId, data.counts, data.finishedAt, data.tallies);
      appendAudit(db, { at: data.finishedAt, operator: this.operator, action: 'import.run', entity: 'import', entityId: String(this.importId), detail: data.auditDetail });
      remember();
      db.exec('COMMIT');
      return this.importId;
    }
    db.exec('ROLLBACK');
    if (data.rememberMapping) writeTransaction(db, remember);
    return null;
  }

  abort(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
