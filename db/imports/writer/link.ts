// How the checking side of an import talks to its writing side. A corrections import is staged
// (stagedWriter.ts): with the built writer script, in a thread of its own — staging on one core
// while the file is read and checked on the other —; without it (unit tests), on the job's own
// connection. Registry and CEP imports write on the job's connection in one transaction
// (importWriter.ts). The job itself is synchronous, so replies are awaited with Atomics.wait.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import type { TaintedRow } from '../../auditSeals';
import type { ProfessionalRow } from '../../registry';
import { recordEditedUnseen } from '../../sealCheck';
import { storeKeyForThread, type HandedKey } from '../../storeKey';
import type { NewImport } from '../history';
import { ImportWriter } from './importWriter';
import { LOG_FOLD_SLOTS, LogFolds } from './logFolds';
import { OP_CORRECTION, OP_ROW, type FinishData, type FinishOutcome, type FreshQuery } from './ops';
import { outsideReadSnapshot } from '../readSnapshot';
import { recoverUnfinishedImports, type RollbackReason } from './rollback';
import { stageHeld, stagePathFor } from './stage';
import { StagedWriter } from './stagedWriter';

export interface WriterLink {
  /**
   * The import's own changes are seen only through `lookup` (a staged import, or writing in
   * another thread); false: the checking side's connection sees them (one transaction on it).
   */
  readonly threaded: boolean;
  /** The import is written on a connection of its own (a writer thread): the checking side's connection only reads. */
  readonly writesElsewhere: boolean;
  /** `writeWhileReading`: the import will be written whatever its rows say (stagedWriter.ts). */
  begin(data: NewImport, writeWhileReading: boolean): number;
  /** The row of the file the next operations come from. */
  atRow(row: number): void;
  /** Queues one operation (see ops.ts). */
  add(op: readonly unknown[]): void;
  /** A professionals row as the import's transaction sees it, after everything queued so far. */
  lookup(query: FreshQuery): ProfessionalRow | null;
  /** Records rows another program edited unseen (sealCheck.ts), before the operations that follow are written. */
  recordEditedUnseen(rows: readonly TaintedRow[]): void;
  /** Writes the import (or not: a preview, all-or-nothing with rejected rows): its number when written, and the rows found stale. */
  finish(data: FinishData): FinishOutcome;
  /** Rolls back whatever was written. */
  abort(why: RollbackReason): void;
  close(): void;
}

export class InlineLink implements WriterLink {
  readonly threaded = false;
  readonly writesElsewhere = false;
  private readonly writer: ImportWriter;

  constructor(private readonly db: Database) {
    this.writer = new ImportWriter(db);
  }

  begin = (data: NewImport) => this.writer.begin(data);
  atRow = () => undefined;
  add = (op: readonly unknown[]) => this.writer.apply(op);
  lookup = (query: FreshQuery) => this.writer.lookup(query);
  recordEditedUnseen = (rows: readonly TaintedRow[]) => recordEditedUnseen(this.db, rows);
  finish = (data: FinishData): FinishOutcome => ({ importId: this.writer.finish(data), stale: [], conflictsClosed: 0 });
  abort = () => this.writer.abort();
  close = () => undefined;
}

/** A staged import on the job's own connection (no writer thread: unit tests). */
export class StagedInlineLink implements WriterLink {
  readonly threaded = true;
  readonly writesElsewhere = false;
  private readonly writer: StagedWriter;

  private row = 0;

  constructor(
    private readonly db: Database,
    storePath: string,
  ) {
    this.writer = new StagedWriter(db, storePath);
  }

  begin = (data: NewImport, writeWhileReading: boolean) => this.writer.begin(data, writeWhileReading);
  atRow = (row: number) => void (this.row = row);
  add = (op: readonly unknown[]) => {
    this.writer.apply(op[0] === OP_CORRECTION ? [OP_ROW, this.row, ...op] : op);
    while (this.writer.stepDue()) this.writer.step();
  };
  lookup = (query: FreshQuery) => this.writer.lookup(query);
  recordEditedUnseen = (rows: readonly TaintedRow[]) => recordEditedUnseen(this.db, rows);
  finish = (data: FinishData) => this.writer.finish(data);
  abort = (why: RollbackReason) => this.writer.abort(why);
  close = () => this.writer.close();
}

/** Shared counters: replies posted, operation batches applied, failed, staging file made; then the log's (logFolds.ts). */
const REPLIES = 0;
const APPLIED = 1;
const FAILED = 2;
export const STAGE_MADE = 3;
export const LOG_FOLD_AT = 4;
const FLAG_COUNT = LOG_FOLD_AT + LOG_FOLD_SLOTS;
/**
 * Values per message, and how many messages may wait untaken before the checking side waits: about
 * as many rows as the checking side reads while the writer writes one step.
 */
/**
 * The writer thread's heap. What it holds is bounded (the chunks it writes: STEP_BYTES,
 * stagedWriter.ts), about 35 MB for a council's file; left unbounded, V8 let it grow to three
 * times that before collecting, and the import passed 400 MB.
 */
export const WRITER_HEAP_MB = 64;
const BATCH_VALUES = 8192;
const IN_FLIGHT = 32;
/** How long an answer of the writer may take (writing a big import in steps, each waiting its turn). */
const WAIT_MS = 600_000;
/**
 * The checking side waits for the writer in slices of this long, and after each looks whether the
 * writer still lives: a thread that died without a word (out of memory, killed) never answers, and
 * the job, waiting synchronously, hears no 'exit' event. The sign is the staging file's lock: the
 * thread makes the file before it takes its first message (worker.ts), its connection holds the
 * lock for as long as it lives and lets it go when its thread ends (the SQLite binding closes a
 * dead thread's connections) — whatever the writer waits for meanwhile (the store's lock, a long
 * step), and at no cost per row. The writer removes the file only as its last act before an answer.
 */
const ALIVE_CHECK_MS = 1000;
/**
 * The writer lets its staging file go (or removes it) just before it answers: that answer may take
 * this long. Waited only when the file is no longer held, and no longer than the answer takes.
 */
const LAST_REPLY_MS = 1000;
/**
 * A thread starts and makes its staging file in well under a second; one that has not made it
 * after this long died before its first line ran (or could not start at all).
 */
const STARTUP_MS = 15_000;
/** How long the writer's failure is looked for among its replies once it raised the flag. */
const FAILURE_READ_MS = 2000;

function writerGoneError(): AppError {
  return new AppError(
    'INTERNAL',
    'A gravação da importação parou de repente (faltou memória ou ela foi interrompida). Nada desta importação ficou gravado: importe a planilha de novo; se voltar a acontecer, divida-a em partes menores.',
  );
}

/** `whole`: a note, posted before the commit that makes the import whole, of what it came to (the answer follows). */
export type WriterReply = { ok: true; value: unknown; whole?: true } | { ok: false; error: AppErrorData };

export interface WriterData {
  storePath: string;
  /** Chosen by the checking side, so that it can tell whether the writer still holds it (ALIVE_CHECK_MS). */
  stagePath: string;
  port: MessagePort;
  /** REPLIES, APPLIED, FAILED, then the log-folding slots (logFolds.ts). */
  shared: SharedArrayBuffer;
  /** The store's key (db/storeKey.ts): a thread opens the store with its parent's key, never a file's. */
  storeKey: HandedKey;
}

/** The built writer script beside the running bundle (out/worker/importWriter.cjs), if there is one. */
export function writerScript(): string | null {
  const path = join(__dirname, '..', 'worker', 'importWriter.cjs');
  return existsSync(path) ? path : null;
}

export class ThreadLink implements WriterLink {
  readonly threaded = true;
  readonly writesElsewhere = true;
  private readonly flags = new Int32Array(new SharedArrayBuffer(4 * FLAG_COUNT));
  /** Folds the log the writer's steps leave while this side would only wait for the writer. */
  private readonly folds: LogFolds;
  private readonly replies: MessagePort;
  private readonly worker: Worker;
  private batch: unknown[] = [];
  private sent = 0;
  private seen = 0;
  private closed = false;
  private error: AppError | null = null;
  private row = 0;
  private readonly stagePath: string;
  private readonly threadStarted = Date.now();
  /** When the import began (to know it again in the store). */
  private startedAt = '';
  /** The writer thread died without a word. */
  private gone = false;

  constructor(
    script: string,
    private readonly storePath: string,
    private readonly db: Database,
  ) {
    this.stagePath = stagePathFor(storePath);
    this.folds = new LogFolds(this.flags, LOG_FOLD_AT, db);
    const channel = new MessageChannel();
    this.replies = channel.port1;
    const data: WriterData = { storePath, stagePath: this.stagePath, port: channel.port2, shared: this.flags.buffer as SharedArrayBuffer, storeKey: storeKeyForThread() };
    // A small young generation: the writer's garbage is the short-lived batches it applies.
    this.worker = new Worker(script, {
      workerData: data,
      transferList: [channel.port2],
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: WRITER_HEAP_MB },
    });
    // A thread that dies (out of memory) is noticed by its staging file (ALIVE_CHECK_MS); its 'error'
    // event, unheard, would end the job's own thread or process with it.
    this.worker.on('error', () => undefined);
  }

  /**
   * The writer's failure (its reply is posted before the flag is raised, so it is there to read —
   * after any answer or note the checking side had not taken yet, which are passed over).
   */
  private failure(): AppError {
    if (!this.error) {
      let data: AppErrorData | null = null;
      const until = Date.now() + FAILURE_READ_MS;
      while (data === null && Date.now() < until) {
        const reply = this.nextReply(false);
        if (reply && !reply.ok) data = reply.error;
        else if (!reply) Atomics.wait(this.flags, REPLIES, this.seen, 50);
      }
      data ??= { code: 'INTERNAL', message: 'Erro interno inesperado. Nada foi gravado pela operação que falhou.' };
      this.error = new AppError(data.code, data.message, { details: data.details });
    }
    return this.error;
  }

  /** The next reply of the writer; waits for it unless told not to. */
  private nextReply(wait = true): WriterReply | null {
    let waitingSince: number | undefined;
    for (;;) {
      const received = receiveMessageOnPort(this.replies);
      if (received) {
        this.seen++;
        return received.message as WriterReply;
      }
      if (!wait) return null;
      if (this.folds.foldIfDue()) continue;
      waitingSince ??= Date.now();
      if (Atomics.wait(this.flags, REPLIES, this.seen, ALIVE_CHECK_MS) !== 'timed-out') continue;
      this.assertWriterLives();
      if (Date.now() - waitingSince >= WAIT_MS) throw new AppError('INTERNAL', 'A gravação da importação parou de responder. Nada foi gravado.');
    }
  }

  /**
   * Throws when the writer thread is gone without a word: it made its staging file and no longer
   * holds it — let go, or removed as its last act — and gave no answer since; or it never made it.
   */
  private assertWriterLives(): void {
    if (Atomics.load(this.flags, STAGE_MADE) !== 1) {
      if (Date.now() - this.threadStarted < STARTUP_MS) return;
    } else if (stageHeld(this.stagePath) === true) return;
    if (Atomics.wait(this.flags, REPLIES, this.seen, LAST_REPLY_MS) !== 'timed-out' || Atomics.load(this.flags, FAILED) === 1) return;
    this.gone = true;
    throw writerGoneError();
  }

  /** Sends `message` and answers the writer's reply (the first `isAnswer` takes: the others are notes it took). */
  private request(message: Record<string, unknown>, isAnswer: (reply: WriterReply) => boolean = () => true): unknown {
    this.flush();
    this.worker.postMessage(message);
    for (;;) {
      const reply = this.nextReply() as WriterReply;
      if (!reply.ok) throw new AppError(reply.error.code, reply.error.message, { details: reply.error.details });
      if (isAnswer(reply)) return reply.value;
    }
  }

  private flush(): void {
    if (Atomics.load(this.flags, FAILED) === 1) throw this.failure();
    if (this.batch.length === 0) return;
    this.sent++;
    this.worker.postMessage({ t: 'ops', seq: this.sent, ops: this.batch });
    this.batch = [];
    // Do not run ahead of the writer by more than a few batches (memory stays flat).
    for (;;) {
      const applied = Atomics.load(this.flags, APPLIED);
      if (this.sent - applied <= IN_FLIGHT) break;
      if (Atomics.load(this.flags, FAILED) === 1) throw this.failure();
      if (!this.folds.foldIfDue() && Atomics.wait(this.flags, APPLIED, applied, ALIVE_CHECK_MS) === 'timed-out') this.assertWriterLives();
    }
  }

  begin(data: NewImport, writeWhileReading: boolean): number {
    this.startedAt = data.startedAt;
    return this.request({ t: 'begin', data, writeWhileReading }) as number;
  }

  atRow(row: number): void {
    this.row = row;
  }

  add(op: readonly unknown[]): void {
    if (op[0] === OP_CORRECTION) this.batch.push(OP_ROW, this.row);
    for (const value of op) this.batch.push(value);
    if (this.batch.length >= BATCH_VALUES) this.flush();
  }

  lookup(query: FreshQuery): ProfessionalRow | null {
    return this.request({ t: 'lookup', query }) as ProfessionalRow | null;
  }

  recordEditedUnseen(rows: readonly TaintedRow[]): void {
    this.request({ t: 'unseen', rows });
  }

  /**
   * A writer gone after the commit that made the import whole leaves it written: it is reported so,
   * from the note the writer posted before that commit.
   */
  finish(data: FinishData): FinishOutcome {
    let whole: FinishOutcome | null = null;
    const answer = (reply: WriterReply) => {
      if (reply.ok && reply.whole) whole = reply.value as FinishOutcome;
      return !(reply.ok && reply.whole);
    };
    try {
      return this.request({ t: 'finish', data }, answer) as FinishOutcome;
    } catch (error) {
      const noted = whole as FinishOutcome | null;
      if (!this.gone || noted?.importId == null || !this.importStored(noted.importId)) throw error;
      this.recoverAfterWriter(); // only its staging file, when it died before removing it
      return noted;
    }
  }

  /** Whether the store holds this import's row (its last step committed). */
  private importStored(importId: number): boolean {
    const startedAt = outsideReadSnapshot(this.db, () => this.db.prepare('SELECT started_at FROM imports WHERE id = ?').pluck().get(importId));
    return startedAt === this.startedAt;
  }

  abort(why: RollbackReason): void {
    this.batch = [];
    // After a failure the writer has already rolled back.
    if (Atomics.load(this.flags, FAILED) === 1) return;
    try {
      if (!this.gone) this.request({ t: 'abort', why });
    } catch (error) {
      if (!this.gone) throw error;
    }
    if (this.gone) this.recoverAfterWriter();
  }

  /**
   * What a writer gone without a word wrote and did not finish is rolled back now, and its staging
   * file removed, as the next open of the store would do it (rollback.ts): nobody holds it any more.
   */
  private recoverAfterWriter(): void {
    try {
      outsideReadSnapshot(this.db, () => recoverUnfinishedImports(this.db, this.storePath));
    } catch {
      /* the next open of the store rolls it back */
    }
  }

  /**
   * Lets the writer go. After a commit it still folds the write-ahead log back into the file; that
   * happens in its thread after the import's answer is out, so the clerk does not wait for it.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.batch = [];
    if (this.gone || Atomics.load(this.flags, FAILED) === 1) void this.worker.terminate();
    else this.worker.postMessage({ t: 'close' });
  }
}

/**
 * The writing side for an import: staged (corrections) in a thread running `script` or on this
 * very connection; or one transaction on this connection (registry, CEP).
 */
export function openWriterLink(db: Database, storePath: string, options: { staged: boolean; script: string | null }): WriterLink {
  if (!options.staged) return new InlineLink(db);
  return options.script ? new ThreadLink(options.script, storePath, db) : new StagedInlineLink(db, storePath);
}
