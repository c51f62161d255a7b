// The writing side of a corrections import, so the counter never waits on it (docs/jobs.md). The
// store is written in steps — short IMMEDIATE transactions of about STEP_MS each; between two of
// them, when a writer says it is waiting (db/storeLock.ts), a pause in which it takes its turn.
// An import that will be written whatever its rows say (not a preview, not "all or nothing") is
// written while the spreadsheet is still read and checked: chunks of accepted rows, each in the
// store's order, on one core while the file is read on the other. A preview or an "all or nothing"
// import keeps its rows in a staging file (stage.ts) and only reads the store until it is written
// at the end. Either way a record the import already changed is read back as the store has it plus
// the import's rows on it not written yet. A small import (SINGLE_UP_TO rows) is one transaction,
// as all or nothing as ever. A bigger one marks the store as unfinished from its first step to its
// last (reservations.ts): if it fails or is cancelled half-way it is rolled back at once, and if its
// process dies the next open of the store rolls it back (rollback.ts).
import type { Database, Statement } from 'better-sqlite3';
import type { ImportKind, ImportMapping } from '../../../shared/contract/imports';
import { appendAudit, sealWritten } from '../../audit';
import { lastRowId, queueInsertedForSealing, queueUpdatedForSealing, withTriggersDeferred } from '../../bulkTriggers';
import type { ProfessionalRow } from '../../registry';
import { writersWaiting, writeTransaction } from '../../storeLock';
import { finishImport, insertImport, type NewImport } from '../history';
import { rememberMapping } from '../mappings';
import { uuidV7Sequence } from '../uuid';
import { CorrectionApplier, StaleRecord } from './applier';
import { detailWithoutStale, OP_ERROR, OP_ROW, operationLength, withOperations, staleTotals, type FinishData, type FinishOutcome, type FreshQuery, type StaleRow } from './ops';
import { nameStaleRows, staleImportError } from './staleRows';
import { LOG_FOLD_SLOTS, LogFolds } from './logFolds';
import { PendingOps } from './pending';
import { clearMark, markFile, markUnfinished, nextImportId, refuseFileBeingWritten } from './reservations';
import { rollbackUnfinishedImport, type RollbackReason } from './rollback';
import { ChunkSource, StageSource, type OpSource } from './sources';
import { lastHistoryEntry } from './stillRight';
import { ImportStage } from './stage';

/** An import of up to this many accepted rows is one transaction (a few tenths of a second). */
export const SINGLE_UP_TO = 4096;
/**
 * A step writes for about this long — the longest a clerk's save waits behind the import, whatever
 * the PC's speed — and at most STEP_OPERATIONS rows; rows written while the file is read come in
 * chunks of that many.
 */
export const STEP_MS = 400;
export const STEP_OPERATIONS = 16_384;
/**
 * A chunk is also cut at about this much memory (PendingOps.bytes), which a file changing every
 * field with long values reaches long before STEP_OPERATIONS rows: the writer's heap is bounded (link.ts).
 */
export const STEP_BYTES = 8 * 1024 * 1024;
/** Chunks the checking side may run ahead of the writing before it waits for it (memory stays flat). */
const AHEAD_CHUNKS = 2;
/** Accepted rows kept in memory before they go to the staging file (imports written at the end). */
const SPILL_AT = 2048;

/** `CRESS_DESK_IMPORT_STEP_ROWS` sets both row counts (tests of big imports; a slow PC). */
function stepping(env: NodeJS.ProcessEnv = process.env): { singleUpTo: number; perStep: number } {
  const value = Number(env.CRESS_DESK_IMPORT_STEP_ROWS);
  return Number.isInteger(value) && value > 0 ? { singleUpTo: value, perStep: value } : { singleUpTo: SINGLE_UP_TO, perStep: STEP_OPERATIONS };
}
/** Rows taken from their source at a time while writing (the step's clock is looked at between them). */
const READ_SLICE = 256;
/**
 * The pause between two steps: longer than a waiting writer's retry interval (SQLite's busy wait
 * sleeps 100 ms at a time), and longer after a longer step (a busy PC wakes sleepers late).
 */
const PAUSE_MS = { least: 150, most: 300, ofStep: 0.25 };

function pause(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class StagedWriter {
  private stage: ImportStage | null = null;
  private data: NewImport | null = null;
  /** Written while the file is read (see the top of this file). */
  private early = false;
  private readonly pending = new PendingOps();
  /** The chunk being written while the file is read. */
  private chunk: ChunkSource | null = null;
  private readonly byId: Statement<[number], ProfessionalRow>;
  private readonly byCpf: Statement<[string], ProfessionalRow>;
  private readonly byRegistration: Statement<[string], ProfessionalRow>;
  /** CPFs this import moved: the record that holds each now (null: nobody). */
  private readonly cpfHolders = new Map<string, number | null>();
  /** The file row of the operations being staged. */
  private row = 0;
  private readonly steps = stepping();
  private historyBefore = 0; // the record history's last entry when the import began (applier.ts)
  /** What the steps wrote so far: the import's number, its unfinished mark, the registry conflicts they closed. */
  private readonly progress = { importId: 0, mark: null as string | null, finished: false, conflictsClosed: 0 };
  private readonly stale: StaleRow[] = [];
  /**
   * After a stale row, every later row of the same record is stale too: its check was based on the
   * import's own change, and a version number matching by chance proves nothing.
   */
  private readonly staleRecords = new Map<number, string | null>(); // and the field that changed
  private uuid: () => string = () => {
    throw new Error('the import has not begun');
  };

  /**
   * `db`: a connection to the store of its own (the import's job thread or the writer thread).
   * `folds`: shared with the checking side when it runs in a thread of its own (logFolds.ts);
   * otherwise this writer folds the log itself every few steps.
   */
  constructor(
    private readonly db: Database,
    private readonly storePath: string,
    private readonly folds = new LogFolds(new Int32Array(LOG_FOLD_SLOTS), 0),
  ) {
    this.byId = db.prepare('SELECT * FROM professionals WHERE id = ?');
    this.byCpf = db.prepare('SELECT * FROM professionals WHERE cpf = ?');
    this.byRegistration = db.prepare('SELECT * FROM professionals WHERE registration_number = ?');
  }

  /**
   * Takes the staging file (`stage`: made by the writer thread first; otherwise a new one). `writeWhileReading`:
   * written whatever its rows say (see the top). The import's number is only known when written: 0 until then.
   */
  begin(data: NewImport, writeWhileReading = false, stage?: ImportStage): number {
    this.data = data;
    this.early = writeWhileReading;
    this.uuid = uuidV7Sequence(Date.parse(data.startedAt));
    this.stage = stage ?? ImportStage.create(this.storePath);
    this.historyBefore = lastHistoryEntry(this.db); // before any row is checked
    // Folding the log back into the file waits until the answer is out (see the worker); each
    // step's own pages are folded in right after it, so a clerk's next save never does it.
    this.db.pragma('wal_autocheckpoint = 0');
    return 0;
  }

  /** Takes a sequence of operations (see ops.ts), in order. */
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
        this.pending.add(this.row, op);
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
    if (!this.early) {
      if (this.pending.size >= SPILL_AT) this.spill();
    } else if (this.pending.size >= AHEAD_CHUNKS * this.steps.perStep || this.pending.bytes >= AHEAD_CHUNKS * STEP_BYTES) {
      // The checking side ran far ahead: catch up now (it waits meanwhile).
      while (this.stepDue()) this.step();
    }
  }

  /** Whether a step of writing is due while the file is still read (see `step`). */
  stepDue(): boolean {
    return this.early && this.stage !== null && (this.chunk !== null || this.pending.size >= this.steps.perStep || this.pending.bytes >= STEP_BYTES);
  }

  /** Writes one step of the accepted rows so far, while the file is still read; then a breath. */
  step(): void {
    this.chunk ??= new ChunkSource(this.pending.take(this.byFile()), this.pending);
    const began = Date.now();
    this.writeStep(this.chunk, null, false);
    if (this.chunk.remaining === 0) this.chunk = null;
    this.breathe(Date.now() - began);
  }

  /** In file order when the import moves CPFs between records (the order across records matters then). */
  private byFile(): boolean {
    return this.cpfHolders.size > 0;
  }

  /** Accepted rows in memory go to the staging file, in file order. */
  private spill(): void {
    const stage = this.requireStage();
    for (const { row, op } of this.pending.take(true)) {
      stage.addCorrection(op[1] as number, row, op);
      this.pending.settled(op);
    }
  }

  /** A professionals row as the store has it with this import's rows not written yet applied. */
  lookup(query: FreshQuery): ProfessionalRow | null {
    if (query.by === 'cpf') {
      const holder = this.cpfHolders.get(query.key);
      if (holder !== undefined) return holder === null ? null : this.lookup({ by: 'id', key: holder });
    }
    const row = query.by === 'id' ? this.byId.get(query.key) : query.by === 'cpf' ? this.byCpf.get(query.key) : this.byRegistration.get(query.key);
    return row ? this.replayed(row) : null;
  }

  private replayed(stored: ProfessionalRow): ProfessionalRow {
    const stage = this.requireStage();
    const staged = stage.opCount > 0 ? stage.opsOf(stored.id) : [];
    const pending = this.pending.of(stored.id);
    if (staged.length === 0 && pending.length === 0) return stored;
    return withOperations(stored, [...staged, ...pending], this.data?.startedAt ?? stored.updated_at);
  }

  /**
   * Writes the import (when `data.written`): its number, and the rows whose record someone else
   * changed since they were checked (rejected then; with "all or nothing", nothing is written). A
   * preview or an all-or-nothing import with rejected rows only remembers the mapping, as before.
   * `onWhole`: told the outcome inside the transaction that makes the import whole, before its commit.
   */
  finish(data: FinishData, onWhole?: (outcome: FinishOutcome) => void): FinishOutcome {
    const stage = this.requireStage();
    if (!data.written) {
      this.rollBackSteps('failed');
      if (data.rememberMapping) writeTransaction(this.db, () => this.remember(data));
      this.discard();
      return { importId: null, stale: [], conflictsClosed: 0 };
    }
    let source: OpSource;
    if (this.early) {
      // The chunk being written first, then the rest (each record's rows stay in file order).
      source = new ChunkSource([...(this.chunk?.rest() ?? []), ...this.pending.take(this.byFile())], this.pending);
      this.chunk = null;
    } else {
      this.spill();
      stage.seal();
      source = new StageSource(stage, this.byFile());
    }
    const single = this.progress.importId === 0 && source.remaining <= this.steps.singleUpTo;
    for (;;) {
      const began = Date.now();
      if (this.writeStep(source, data, single, onWhole)) break;
      this.breathe(Date.now() - began);
    }
    this.discard();
    return { importId: this.progress.importId, stale: this.stale, conflictsClosed: this.progress.conflictsClosed };
  }

  /**
   * One IMMEDIATE transaction: rows from `source` for about STEP_MS (all of them when `single`);
   * when `closing` and the source is then empty, the import's row, its problems and its audit entry
   * too. Answers whether that closed the import.
   */
  private writeStep(source: OpSource, closing: FinishData | null, single: boolean, onWhole?: (outcome: FinishOutcome) => void): boolean {
    const stage = this.requireStage();
    const begun = this.data as NewImport;
    const progress = this.progress;
    const first = progress.importId === 0;
    try {
      writeTransaction(this.db, () => {
        const locked = Date.now();
        if (first) {
          progress.importId = nextImportId(this.db);
          if (!single) {
            // The same file, written in steps by another command since this one began: refused before any row.
            if (begun.refuseRepeat) refuseFileBeingWritten(this.db, begun.kind, begun.sha256);
            progress.mark = markUnfinished(this.db, progress.importId, stage.name);
            if (begun.refuseRepeat) markFile(this.db, progress.importId, begun.kind, begun.sha256);
          }
        }
        // The row-seal queue's triggers would fire once per row: their work is done after the rows.
        const corrected = lastRowId(this.db, 'corrections');
        const applier = new CorrectionApplier(this.db, {
          importId: progress.importId,
          operator: begun.operator,
          now: begun.startedAt,
          fileName: begun.fileName,
          uuid: this.uuid,
          onDroppedNotes: single ? undefined : (notes) => stage.keepDropped(notes),
          historyBefore: this.historyBefore,
        });
        withTriggersDeferred(this.db, ['professionals_unsealed_update', 'corrections_unsealed_insert'], () => {
          for (let budget = single ? source.remaining : this.steps.perStep; budget > 0; ) {
            const slice = source.next(Math.min(READ_SLICE, budget));
            if (slice.length === 0) break;
            for (const { row, op } of slice) {
              try {
                if (this.staleRecords.has(op[1] as number)) throw new StaleRecord(op[1] as number, this.staleRecords.get(op[1] as number));
                applier.apply(op);
              } catch (error) {
                if (!(error instanceof StaleRecord) || begun.allOrNothing) throw error;
                this.staleRecords.set(error.professionalId, error.field);
                const { professionalId, field } = error;
                this.stale.push({ row, professionalId, items: op[6] as number, dipConsequence: op[3] as string, field, message: '', column: '' });
              }
              source.settled(op);
            }
            budget -= slice.length;
            if (!single && Date.now() - locked >= STEP_MS) break;
          }
          applier.flush();
          progress.conflictsClosed += applier.closedConflicts.length; // a failed step fails the import: never counted twice
          queueUpdatedForSealing(this.db, 'professionals', applier.updated);
          queueInsertedForSealing(this.db, 'corrections', corrected);
        });
        // The load notes this step removes are on file before the step is (a rollback puts them back).
        stage.commit();
        progress.finished = closing !== null && source.remaining === 0;
        // A step's rows are sealed with it (db/auditSeals.ts); the last step's audit entry seals its own.
        if (!progress.finished) return sealWritten(this.db);
        this.closeImport(closing as FinishData, applier);
        onWhole?.({ importId: progress.importId, stale: this.stale, conflictsClosed: progress.conflictsClosed });
      });
    } catch (error) {
      progress.finished = false;
      if (first) Object.assign(progress, { importId: 0, mark: null }); // that transaction left nothing
      this.rollBackSteps('failed');
      throw this.failure(error);
    }
    return progress.finished;
  }

  /** The last step's end: the import's row, the problems of its rejected and stale rows, its audit entry. */
  private closeImport(data: FinishData, applier: CorrectionApplier): void {
    const stage = this.requireStage();
    const begun = this.data as NewImport;
    const { importId, mark } = this.progress;
    // The import's row first: the problems of its rejected rows refer to it.
    const off = staleTotals(this.stale);
    const counts = { ...data.counts, accepted: data.counts.accepted - off.rows, rejected: data.counts.rejected + off.rows };
    insertImport(this.db, begun, importId);
    finishImport(this.db, importId, counts, data.finishedAt, data.tallies);
    for (let afterProblem = 0; ; ) {
      const slice = stage.problems(afterProblem, READ_SLICE);
      if (slice.length === 0) break;
      for (const { op } of slice) applier.apply(op);
      afterProblem = (slice[slice.length - 1] as { seq: number }).seq;
    }
    this.stale.sort((a, b) => a.row - b.row); // met in the store's order, listed in the file's
    nameStaleRows(this.db, this.stale, data.mapping);
    for (const row of this.stale) applier.apply([OP_ERROR, row.row, row.column, 'VERSION_CONFLICT', row.message, null]);
    const detail = { ...detailWithoutStale(data.auditDetail, this.stale), conflictsClosed: this.progress.conflictsClosed };
    appendAudit(this.db, { at: data.finishedAt, operator: begun.operator, action: 'import.run', entity: 'import', entityId: String(importId), detail });
    this.remember(data);
    if (mark) clearMark(this.db, mark);
  }

  private remember(data: FinishData): void {
    rememberMapping(this.db, data.mapping.kind as ImportKind, data.mapping.headers, data.mapping.mapping as ImportMapping, data.finishedAt);
  }

  /**
   * Between two steps: fold the log back into the file when nobody did for a few steps, or when a
   * writer waits (db/storeLock.ts) — so a clerk's save never finds a long log to fold —; and let a
   * waiting writer take its turn.
   */
  private breathe(stepMs: number): void {
    const started = Date.now();
    const waiting = writersWaiting(this.storePath);
    this.folds.stepWritten();
    try {
      if (this.folds.writerShouldFold(waiting)) this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      /* a checkpoint is an optimisation */
    }
    if (!waiting) return;
    const wanted = Math.min(PAUSE_MS.most, Math.max(PAUSE_MS.least, stepMs * PAUSE_MS.ofStep));
    pause(wanted - (Date.now() - started));
  }

  /** Undoes the steps already written (failed, cancelled, not to be written); failing that, the next open does it. */
  private rollBackSteps(why: RollbackReason): void {
    const { importId, mark, finished } = this.progress;
    if (!mark || finished || !this.stage) return;
    this.progress.mark = null;
    try {
      rollbackUnfinishedImport(this.db, { importId, mark }, this.stage.dropped(), this.data?.startedAt ?? new Date().toISOString(), why);
    } catch {
      this.stage.close(); // keep the file (its notes) for the rollback at the next open
      this.stage = null;
    }
  }

  private failure(error: unknown): unknown {
    return error instanceof StaleRecord ? staleImportError(this.db, error) : error;
  }

  private requireStage(): ImportStage {
    if (!this.stage) throw new Error('the import has not begun');
    return this.stage;
  }

  /** Gives the import up: what its steps wrote is rolled back, the staging file thrown away. */
  abort(why: RollbackReason = 'failed'): void {
    this.rollBackSteps(why);
    this.discard();
  }

  private discard(): void {
    this.stage?.remove();
    this.stage = null;
    this.chunk = null;
  }

  close(): void {
    this.abort();
  }
}
