// The long batch operations as jobs (docs/jobs.md): writing a package, importing an
// acknowledgement, checking a package. Each opens its own connection to the store.
import type { AckResult, ExportResult, VerifyResult } from '../../shared/contract/batches';
import { openJobConnection } from '../connections';
import { jobCancelled } from '../jobs/cancel';
import type { JobContext, JobFn } from '../jobs/types';
import { readAck } from './ackRead';
import { applyAck } from './ackApply';
import { recordExport } from './lifecycle';
import { verifyBatchPackage, writeBatchPackage } from './package';
import { batchSigner, packageSigningContext } from './packageSignature';
import { buildPayload } from './payload';
import { requireBatchRow } from './summary';

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
    const { batch, payload } = db.transaction(() => {
      const batch = requireBatchRow(db, input.id);
      const payload = buildPayload(db, batch, (done, total) => {
        context.progress({ phase: 'read', label: 'Lendo as correções do lote…', done, total });
        cancel.check();
        if (cancel.signal.aborted) throw jobCancelled();
      });
      return { batch, payload };
    }).deferred(); // reads only: it takes no writer lock
    const written = await writeBatchPackage(batch, payload.files, input.path, {
      sign: batchSigner(db, batch),
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
    const summary = recordExport(db, input.id, written, new Date(context.nowIso()));
    return { batch: summary, path: written.path, fileName: written.fileName, bytes: written.bytes, sha256: written.sha256, encrypted: written.encrypted };
  } finally {
    db.close();
  }
};

export const acknowledgeBatchJob: JobFn<{ path: string; fileName?: string }, AckResult> = async (input, context) => {
  context.progress({ phase: 'read', label: 'Lendo a confirmação da Implanta…', done: 0, total: null });
  const ack = await readAck(input.path, input.fileName ?? input.path);
  if (context.cancelled()) throw jobCancelled();
  context.progress({ phase: 'apply', label: 'Atualizando as correções…', done: 0, total: ack.answers.length });
  const db = openJobConnection(context.storePath);
  try {
    const result = applyAck(db, ack, input.fileName ?? input.path, new Date(context.nowIso()));
    context.progress({ phase: 'apply', label: 'Atualizando as correções…', done: ack.answers.length, total: ack.answers.length });
    return result;
  } finally {
    db.close();
  }
};

export const verifyBatchJob: JobFn<{ path: string; passphrase: string | null }, VerifyResult> = async (input, context) => {
  // On the desk that sealed a lote, its signature is checked against the store's chain.
  const desk = packageSigningContext(context.storePath);
  try {
    return await verifyBatchPackage(
      input.path,
      input.passphrase,
      (bytes) => {
        context.progress({ phase: 'check', label: 'Conferindo o pacote…', done: bytes, total: null });
      },
      desk,
    );
  } finally {
    desk?.close();
  }
};
