// The writer thread of a corrections import (built to out/worker/importWriter.cjs): takes what the
// checking side sends, in order, answers lookups of records the import already changed, and writes
// the import in steps (stagedWriter.ts) on its own connection — between messages while the file is
// still read, the rest at the end.
import type Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import type { TaintedRow } from '../../auditSeals';
import { recordEditedUnseen } from '../../sealCheck';
import { storeError } from '../../storeLock';
import { threadKey, useStoreKey } from '../../storeKey';
import { openJobConnection, WRITING_CACHE_KIB } from '../../connections';
import { LOG_FOLD_AT, STAGE_MADE, type WriterData, type WriterReply } from './link';
import { LogFolds } from './logFolds';
import { ImportStage } from './stage';
import { StagedWriter } from './stagedWriter';

const { storePath, stagePath, port, shared, storeKey } = workerData as WriterData;
useStoreKey(threadKey(storeKey));
const flags = new Int32Array(shared);
/**
 * The staging file comes first, before any message is taken: its lock is how the checking side
 * tells that this thread lives (link.ts), from its first message to its last answer.
 */
let stage: ImportStage | null = null;
let stageFailure: unknown = null;
try {
  stage = ImportStage.create(storePath, stagePath);
  Atomics.store(flags, STAGE_MADE, 1);
} catch (error) {
  stageFailure = error; // the answer to `begin`
}
let db: Database.Database | null = null;
let writer: StagedWriter | null = null;
let failed = false;
let stepScheduled = false;

function errorData(thrown: unknown): AppErrorData {
  const error = storeError(thrown, storePath);
  if (error instanceof AppError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: 'Erro interno inesperado. Nada foi gravado pela operação que falhou.', details: { message } };
}

function reply(message: WriterReply): void {
  port.postMessage(message);
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}

function fail(error: unknown): void {
  failed = true;
  try {
    writer?.abort();
  } catch {
    /* the failure is what matters */
  }
  // The reply first, then the flag: whoever sees the flag finds the reason waiting.
  reply({ ok: false, error: errorData(error) });
  Atomics.store(flags, 2, 1);
  Atomics.notify(flags, 1);
}

/** A step of writing while the file is read, once the messages already here are taken. */
function scheduleStep(): void {
  if (stepScheduled || failed || !writer?.stepDue()) return;
  stepScheduled = true;
  setImmediate(() => {
    stepScheduled = false;
    // The import may have ended meanwhile (finished, aborted).
    if (failed || !writer?.stepDue()) return;
    try {
      writer?.step();
    } catch (error) {
      fail(error);
      return;
    }
    scheduleStep();
  });
}

parentPort?.on('message', (message: { t: string; [key: string]: unknown }) => {
  if (message.t === 'ops') {
    if (failed) return;
    try {
      writer?.apply(message.ops as unknown[]);
      Atomics.store(flags, 1, message.seq as number);
      Atomics.notify(flags, 1);
      scheduleStep();
    } catch (error) {
      fail(error);
    }
    return;
  }
  try {
    switch (message.t) {
      case 'begin':
        if (!stage) throw stageFailure;
        db = openJobConnection(storePath, WRITING_CACHE_KIB);
        writer = new StagedWriter(db, storePath, new LogFolds(flags, LOG_FOLD_AT));
        return reply({ ok: true, value: writer.begin(message.data as Parameters<StagedWriter['begin']>[0], message.writeWhileReading === true, stage) });
      case 'lookup':
        return reply({ ok: true, value: writer?.lookup(message.query as Parameters<StagedWriter['lookup']>[0]) ?? null });
      case 'unseen':
        if (db) recordEditedUnseen(db, message.rows as TaintedRow[]);
        return reply({ ok: true, value: null });
      case 'finish': {
        // What the import came to is told before the commit that makes it whole, should this thread die right after it.
        const outcome = writer?.finish(message.data as Parameters<StagedWriter['finish']>[0], (whole) => reply({ ok: true, value: whole, whole: true })) ?? null;
        reply({ ok: true, value: outcome });
        // Then, with the import's answer on its way, fold the log back into the file.
        if (outcome?.importId != null) db?.pragma('wal_checkpoint(PASSIVE)');
        return;
      }
      case 'abort':
        writer?.abort(message.why as Parameters<StagedWriter['abort']>[0]);
        return reply({ ok: true, value: null });
      case 'close':
        if (writer) writer.close();
        else stage?.remove(); // never begun
        db?.close();
        db = null;
        parentPort?.close();
        return;
    }
  } catch (error) {
    if (message.t === 'begin' || message.t === 'lookup' || message.t === 'unseen' || message.t === 'finish') {
      failed = true;
      try {
        writer?.abort();
      } catch {
        /* already reporting */
      }
      return reply({ ok: false, error: errorData(error) });
    }
    fail(error);
  }
});
