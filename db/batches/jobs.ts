// The long batch operations as jobs (docs/jobs.md): writing a package, importing an
// acknowledgement, checking a package. Each opens its own connection to the store.
import { rm } from 'node:fs/promises';
import type { AckResult, ExportResult, VerifyResult } from '../../shared/contract/batches';
import { AppError } from '../../shared/errors';
import { openJobConnection } from '../connections';
import { jobCancelled } from '../jobs/cancel';
import type { JobContext, JobFn } from '../jobs/types';
import { itemNamer } from './ackItemNames';
import { readAck } from './ackRead';
import { applyAck, previewAck } from './ackApply';
import { recordExport } from './lifecycle';
import { PACKAGE_DEFLATE_LEVEL, verifyBatchPackage, writeBatchPackage } from './package';
import { batchSigner, packageSigningContext } from './packageSignature';
import { buildPayload, payloadFiles } from './payload';
import { requireSealedRows } from './sealedPayload';
import { lotePackageStem, requireBatchRow } from './summary';
import { withUndoneWarning } from './undoneWarning';

export interface ExportJobInput {
  id: number;
  path: string;
  passphrase: string | null;
  replace: boolean;
}

/** An AbortSignal that fires once the clerk pressed Cancelar (checked as bytes flow). */
function cancelSignal(context: JobContext): { signal: AbortSignal; check(): void } {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    check() {
      if (!controller.signal.aborted && context.cancelled()) controller.abort(jobCancelled());
    },
  };
}

export const exportBatchJob: JobFn<ExportJobInput, ExportResult> = async (input, context) => {
  const db = openJobConnection(context.storePath);
  try {
    const cancel = cancelSignal(context);
    // One read transaction: the batch and its payload from a single, consistent view.
    const { batch, payload, stem } = db.transaction(() => {
      const batch = requireBatchRow(db, input.id);
      // Its big files are deflated meanwhile, beside this read (db/zip/deflateThread.ts).
      const payload = buildPayload(
        db,
        batch,
        (done, total) => {
          context.progress({ phase: 'read', label: 'Lendo as correções do lote…', done, total });
          cancel.check();
          if (cancel.signal.aborted) throw jobCancelled();
        },
        PACKAGE_DEFLATE_LEVEL,
      );
      requireSealedRows(db, batch, payload.rowsSha256);
      return { batch, payload, stem: lotePackageStem(db, batch) };
    }).deferred(); // reads only: it takes no writer lock
    const files = await payloadFiles(payload);
    const written = await writeBatchPackage(batch, files, input.path, {
      sign: batchSigner(db, batch),
      stem,
      passphrase: input.passphrase,
      replace: input.replace,
      signal: cancel.signal,
      onProgress: (bytes, total) => {
        context.progress({ phase: 'write', label: 'Gravando o pacote…', done: bytes, total });
        cancel.check();
      },
    }).catch((error: unknown) => {
      throw cancel.signal.aborted ? jobCancelled() : error;
    });
    let summary: ExportResult['batch'];
    try {
      summary = recordExport(db, input.id, written, new Date(context.nowIso()));
    } catch (error) {
      // A store that may not be written (or stays busy): no package the desk does not know it exported.
      if (!written.identical) await rm(written.path, { force: true });
      throw error;
    }
    return { batch: summary, path: written.path, fileName: written.fileName, bytes: written.bytes, sha256: written.sha256, encrypted: written.encrypted };
  } finally {
    db.close();
  }
};

export const acknowledgeBatchJob: JobFn<{ path: string; fileName?: string; dryRun?: boolean; expectedSha256?: string }, AckResult> = async (input, context) => {
  context.progress({ phase: 'read', label: 'Lendo a confirmação da Implanta…', done: 0, total: null });
  const db = openJobConnection(context.storePath);
  try {
    // An item a refusal names is named by its record's CPF (or its CEP), as the clerk knows it.
    const ack = await readAck(input.path, input.fileName ?? input.path, itemNamer(db));
    if (context.cancelled()) throw jobCancelled();
    if (input.expectedSha256 !== undefined && ack.sha256 !== input.expectedSha256) {
      throw new AppError('FILE_CHANGED', 'O arquivo da confirmação mudou depois da conferência: escolha-o de novo. Nada foi alterado.');
    }
    const label = input.dryRun ? 'Conferindo o que a confirmação muda…' : 'Atualizando as correções…';
    context.progress({ phase: 'apply', label, done: 0, total: ack.answers.length });
    const apply = input.dryRun ? previewAck : applyAck;
    const result = apply(db, ack, input.fileName ?? input.path, new Date(context.nowIso()));
    context.progress({ phase: 'apply', label, done: ack.answers.length, total: ack.answers.length });
    return result;
  } finally {
    db.close();
  }
};

export const verifyBatchJob: JobFn<{ path: string; passphrase: string | null }, VerifyResult> = async (input, context) => {
  // On the desk that sealed a lote, its signature is checked against the store's chain.
  const desk = packageSigningContext(context.storePath);
  try {
    const result = await verifyBatchPackage(
      input.path,
      input.passphrase,
      (bytes) => {
        context.progress({ phase: 'check', label: 'Conferindo o pacote…', done: bytes, total: null });
      },
      desk,
    );
    // A sound package of a lote a restore undid here: said, not failed.
    return withUndoneWarning(context.storePath, result);
  } finally {
    desk?.close();
  }
};
