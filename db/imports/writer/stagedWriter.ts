// The writing side of a corrections import, staged so the counter never waits on it
// (docs/jobs.md). While the spreadsheet is read and checked, every operation goes to a staging file
// (stage.ts) and the store is only read: no lock is held, a clerk's correction goes through at
// once. A record the import already changed is read back as the store has it plus the import's
// operations on it. When the import is to be written, the staged operations are applied in
// steps — short IMMEDIATE transactions of about STEP_MS each; between two of them, when a writer
// says it is waiting (db/storeLock.ts), a pause in which it takes its turn. A small import
// (SINGLE_UP_TO rows) is one transaction, as all or nothing as ever. A bigger one marks the store as unfinished from its first step to its last
// (reservations.ts): if it fails half-way it is rolled back at once, and if its process dies the
// next open of the store rolls it back (rollback.ts).
import type { Database, Statement } from 'better-sqlite3';
import type { ImportKind, ImportMapping } from '../../../shared/contract/imports';
import { AppError } from '../../../shared/errors';
import type { FieldName, FieldValue } from '../../../shared/fields';
import { foldForSearch } from '../../../shared/text';
import { appendAudit, sealWritten } from '../../audit';
import { columnValue, valuesOfCorrectionText } from '../../recordState';
import type { ProfessionalRow } from '../../registry';
import { writersWaiting, writeTransaction } from '../../storeLock';
import { finishImport, insertImport, type NewImport } from '../history';
import { rememberMapping } from '../mappings';
import { uuidV7Sequence } from '../uuid';
import { CorrectionApplier, StaleRecord } from './applier';
import { detailWithoutStale, OP_CORRECTION, OP_ERROR, OP_ROW, staleRowMessage, staleTotals, type FinishData, type FinishOutcome, type FreshQuery, type StaleRow } from './ops';
import { clearMark, markUnfinished, nextImportId } from './reservations';
import { rollbackUnfinishedImport } from './rollback';
import { FIRST_OP, ImportStage, type OpCursor } from './stage';

/** An import of up to this many accepted rows is one transaction (a few tenths of a second). */
export const SINGLE_UP_TO = 4096;
/**
 * A step of a bigger import writes for about this long — the longest a clerk's save waits behind
 * the import, whatever the PC's speed — and at most STEP_OPERATIONS rows.
 */
export const STEP_MS = 400;
export const STEP_OPERATIONS = 16_384;

/** `CRESS_DESK_IMPORT_STEP_ROWS` sets both row counts (tests of big imports; a slow PC). */
function stepping(env: NodeJS.ProcessEnv = process.env): { singleUpTo: number; perStep: number } {
  const value = Number(env.CRESS_DESK_IMPORT_STEP_ROWS);
  return Number.isInteger(value) && value > 0 ? { singleUpTo: value, perStep: value } : { singleUpTo: SINGLE_UP_TO, perStep: STEP_OPERATIONS };
}
/** Staged operations read back at a time while applying (the step's clock is looked at between them). */
const READ_SLICE = 256;
/**
 * The pause between two steps: longer than a waiting writer's retry interval (SQLite's busy wait
 * sleeps 100 ms at a time), and longer after a longer step (a busy PC wakes sleepers late).
 */
const PAUSE_MS = { least: 150, most: 300, ofStep: 0.25 };

function pause(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Length of the operation starting at `at` (see ops.ts). */
function operationLength(ops: readonly unknown[], at: number): number {
  if (ops[at] === OP_ERROR) return 6;
  if (ops[at] === OP_ROW) return 2;
  if (ops[at] !== OP_CORRECTION) throw new Error(`unknown import operation ${String(ops[at])}`);
  const items = ops[at + 6] as number;
  const pendencies = ops[at + 7 + items * 3] as number;
  return 7 + items * 3 + 1 + pendencies * 3;
}

export class StagedWriter {
  private stage: ImportStage | null = null;
  private data: NewImport | null = null;
  private readonly byId: Statement<[number], ProfessionalRow>;
  private readonly byCpf: Statement<[string], ProfessionalRow>;
  private readonly byRegistration: Statement<[string], ProfessionalRow>;
  /** CPFs this import moved: the record that holds each now (null: nobody). */
  private readonly cpfHolders = new Map<string, number | null>();
  /** The file row of the operations being staged. */
  private row = 0;

  /** `db`: a connection to the store of its own (the import's job thread or the writer thread). */
  constructor(
    private readonly db: Database,
    private readonly storePath: string,
  ) {
    this.byId = db.prepare('SELECT * FROM professionals WHERE id = ?');
    this.byCpf = db.prepare('SELECT * FROM professionals WHERE cpf = ?');
    this.byRegistration = db.prepare('SELECT * FROM professionals WHERE registration_number = ?');
  }

  /** Opens the staging file. The import's number is only known when it is written: 0 until then. */
  begin(data: NewImport): number {
    this.data = data;
    this.stage = ImportStage.create(this.storePath);
    return 0;
  }

  /** Stages a sequence of operations (see ops.ts), in order. */
  apply(ops: readonly unknown[]): void {
    const stage = this.requireStage();
    let at = 0;
    while (at < ops.length) {
      const length = operationLength(ops, at);
      const op = ops.slice(at, at + length);
      if (op[0] === OP_ROW) this.row = op[1] as number;
      else if (op[0] === OP_ERROR) stage.addError(op);
      else {
        const id = op[1] as number;
        stage.addCorrection(id, this.row, op);
        const items = op[6] as number;
        for (let i = 0; i < items; i++) {
          if (op[7 + i * 3] !== 'cpf') continue;
          const before = op[8 + i * 3] as string | null;
          const after = op[9 + i * 3] as string | null;
          const holder = before === null ? null : this.cpfHolders.get(before);
          if (before !== null && (holder === undefined || holder === id)) this.cpfHolders.set(before, null);
          if (after !== null) this.cpfHolders.set(after, id);
        }
      }
      at += length;
    }
  }

  /** A professionals row as the store has it with this import's staged operations applied. */
  lookup(query: FreshQuery): ProfessionalRow | null {
    if (query.by === 'cpf') {
      const holder = this.cpfHolders.get(query.key);
      if (holder !== undefined) return holder === null ? null : this.lookup({ by: 'id', key: holder });
    }
    const row = query.by === 'id' ? this.byId.get(query.key) : query.by === 'cpf' ? this.byCpf.get(query.key) : this.byRegistration.get(query.key);
    return row ? this.replayed(row) : null;
  }

  private replayed(stored: ProfessionalRow): ProfessionalRow {
    const ops = this.requireStage().opsOf(stored.id);
    if (ops.length === 0) return stored;
    const row: Record<string, unknown> = { ...stored };
    for (const op of ops) {
      const items = op[6] as number;
      for (let i = 0; i < items; i++) {
        const field = op[7 + i * 3] as string;
        const text = op[9 + i * 3] as string | null;
        for (const [column, value] of Object.entries(valuesOfCorrectionText(field, text)) as [FieldName, FieldValue][]) {
          const [name, value_] = columnValue(column, value);
          row[name] = value_;
          if (column === 'name') row.name_folded = foldForSearch(String(value ?? ''));
        }
      }
      row.row_version = (row.row_version as number) + 1;
      row.updated_at = this.data?.startedAt ?? row.updated_at;
    }
    return row as unknown as ProfessionalRow;
  }

  /**
   * Writes the import (when `data.written`): its number, and the rows whose record someone else
   * changed since they were checked (rejected then; with "all or nothing", nothing is written). A
   * preview or an all-or-nothing import with rejected rows only remembers the mapping, as before.
   */
  finish(data: FinishData): FinishOutcome {
    const stage = this.requireStage();
    const begun = this.data as NewImport;
    const remember = () => rememberMapping(this.db, data.mapping.kind as ImportKind, data.mapping.headers, data.mapping.mapping as ImportMapping, data.finishedAt);
    if (!data.written) {
      if (data.rememberMapping) writeTransaction(this.db, remember);
      this.discard();
      return { importId: null, stale: [] };
    }
    stage.seal();
    // Folding the log back into the file waits until the answer is out (see the worker); each
    // step's own pages are folded in right after it, so a clerk's next save never does it.
    this.db.pragma('wal_autocheckpoint = 0');
    const { singleUpTo, perStep } = stepping();
    const single = stage.opCount <= singleUpTo;
    const uuid = uuidV7Sequence(Date.parse(begun.startedAt));
    const written: { importId: number; mark: string | null; applied: number; last: boolean } = { importId: 0, mark: null, applied: 0, last: false };
    const stale: StaleRow[] = [];
    // After a stale row, every later row of the same record is stale too: its check was based on
    // the import's own change, and a version number matching by chance proves nothing.
    const staleRecords = new Set<number>();
    // In the store's order unless CPFs move between records (stage.ts, `operations`).
    const byFile = this.cpfHolders.size > 0;
    let afterOp = FIRST_OP;
    for (let step = 1; !written.last; step++) {
      const began = Date.now();
      try {
        writeTransaction(this.db, () => {
          const locked = Date.now();
          if (step === 1) {
            written.importId = nextImportId(this.db);
            if (!single) written.mark = markUnfinished(this.db, written.importId, stage.name);
          }
          const { importId, mark } = written;
          const applier = new CorrectionApplier(this.db, {
            importId,
            operator: begun.operator,
            now: begun.startedAt,
            fileName: begun.fileName,
            uuid,
            onDroppedNotes: single ? undefined : (notes) => stage.keepDropped(notes),
          });
          for (let budget = single ? stage.opCount : perStep; budget > 0; ) {
            const slice = stage.operations(afterOp, Math.min(READ_SLICE, budget), byFile);
            if (slice.length === 0) break;
            for (const { row, op } of slice) {
              try {
                if (staleRecords.has(op[1] as number)) throw new StaleRecord(op[1] as number);
                applier.apply(op);
              } catch (error) {
                if (!(error instanceof StaleRecord) || begun.allOrNothing) throw error;
                staleRecords.add(error.professionalId);
                stale.push({ row, professionalId: error.professionalId, items: op[6] as number, dipConsequence: op[3] as string, message: '' });
              }
            }
            afterOp = (slice[slice.length - 1] as { cursor: OpCursor }).cursor;
            budget -= slice.length;
            written.applied += slice.length;
            if (!single && Date.now() - locked >= STEP_MS) break;
          }
          applier.flush();
          written.last = written.applied >= stage.opCount;
          // A step's rows are sealed with it (db/auditSeals.ts); the last step's audit entry seals its own.
          if (!written.last) return sealWritten(this.db);
          // The import's row first: the problems of its rejected rows refer to it.
          const off = staleTotals(stale);
          const counts = { ...data.counts, accepted: data.counts.accepted - off.rows, rejected: data.counts.rejected + off.rows };
          insertImport(this.db, begun, importId);
          finishImport(this.db, importId, counts, data.finishedAt, data.tallies);
          for (let afterProblem = 0; ; ) {
            const slice = stage.problems(afterProblem, READ_SLICE);
            if (slice.length === 0) break;
            for (const { op } of slice) applier.apply(op);
            afterProblem = (slice[slice.length - 1] as { seq: number }).seq;
          }
          const registration = this.db.prepare('SELECT registration_number FROM professionals WHERE id = ?').pluck();
          stale.sort((a, b) => a.row - b.row); // met in the store's order, listed in the file's
          for (const row of stale) {
            row.message = staleRowMessage(String(registration.get(row.professionalId)));
            applier.apply([OP_ERROR, row.row, '', 'VERSION_CONFLICT', row.message, null]);
          }
          const detail = detailWithoutStale(data.auditDetail, stale);
          appendAudit(this.db, { at: data.finishedAt, operator: begun.operator, action: 'import.run', entity: 'import', entityId: String(importId), detail });
          remember();
          if (mark) clearMark(this.db, mark);
        });
      } catch (error) {
        written.last = false;
        if (step > 1 && written.mark) this.rollBack(written.importId, written.mark, stage);
        throw this.failure(error);
      }
      if (!written.last) this.breathe(Date.now() - began);
    }
    this.discard();
    return { importId: written.importId, stale };
  }

  /** Between two steps: fold the step into the file and, when a writer waits (db/storeLock.ts), let it take its turn. */
  private breathe(stepMs: number): void {
    const started = Date.now();
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      /* a checkpoint is an optimisation */
    }
    if (!writersWaiting(this.storePath)) return;
    const wanted = Math.min(PAUSE_MS.most, Math.max(PAUSE_MS.least, stepMs * PAUSE_MS.ofStep));
    pause(wanted - (Date.now() - started));
  }

  /** Undoes the steps already written; when that fails too, the next open of the store does it. */
  private rollBack(importId: number, mark: string, stage: ImportStage): void {
    try {
      rollbackUnfinishedImport(this.db, { importId, mark }, stage.dropped(), this.data?.startedAt ?? new Date().toISOString(), 'failed');
    } catch {
      stage.close(); // keep the file (its notes) for the rollback at the next open
      this.stage = null;
    }
  }

  private failure(error: unknown): unknown {
    if (!(error instanceof StaleRecord)) return error;
    const registration = (this.db.prepare('SELECT registration_number FROM professionals WHERE id = ?').pluck().get(error.professionalId) as string | undefined) ?? '?';
    return new AppError(
      'VERSION_CONFLICT',
      `O cadastro de registro ${registration} foi alterado enquanto a planilha era conferida: nada foi gravado. Importe a planilha de novo.`,
      { details: { professionalId: error.professionalId } },
    );
  }

  private requireStage(): ImportStage {
    if (!this.stage) throw new Error('the import has not begun');
    return this.stage;
  }

  /** Throws the staged rows away (nothing of them reached the store). */
  abort(): void {
    this.discard();
  }

  private discard(): void {
    this.stage?.remove();
    this.stage = null;
  }

  close(): void {
    this.discard();
  }
}
