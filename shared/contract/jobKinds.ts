// Every long job, declared like a channel: its kind — named like the channel that starts it — and
// the zod schema of what it answers once done. The runner's table of job functions is checked
// against it at compile time (db/jobs/registry.ts); the window and the command line read a
// finished job through `jobOutcome`, which checks the answer against the same schema.
import { z } from 'zod';
import { auditVerificationSchema } from './audit';
import { backupCreatedSchema, backupVerificationSchema, restorePreparedSchema } from './backups';
import { ackResultSchema, exportResultSchema, verifyResultSchema } from './batches';
import type { AppErrorData } from '../errors';
import { importSummarySchema, inspectResultSchema, reportResultSchema, undoResultSchema } from './imports';
import type { JobStatus } from './jobs';
import { qualityScannedSchema } from './quality';

/** A full check of the store file (`PRAGMA integrity_check`). */
export const integrityResultSchema = z.object({ ok: z.boolean(), problems: z.array(z.string()), schemaVersion: z.number().int() });

export const JOB_RESULTS = {
  'store:integrity': integrityResultSchema,
  'audit:verify': auditVerificationSchema,
  'batches:export': exportResultSchema,
  'batches:acknowledge': ackResultSchema,
  'batches:verify': verifyResultSchema,
  'backups:create': backupCreatedSchema,
  'backups:verify': backupVerificationSchema,
  'backups:restorePrepare': restorePreparedSchema,
  'imports:inspect': inspectResultSchema,
  'imports:run': importSummarySchema,
  'imports:undo': undoResultSchema,
  'imports:report': reportResultSchema,
  'quality:scan': qualityScannedSchema,
} as const;

export type JobKind = keyof typeof JOB_RESULTS;
export type JobResult<K extends JobKind> = z.output<(typeof JOB_RESULTS)[K]>;
export const JOB_KINDS = Object.keys(JOB_RESULTS) as JobKind[];

/** The channels that start a job, and the job each starts (a preview is an import not written). */
export const JOB_OF_CHANNEL = {
  'batches:export': 'batches:export',
  'batches:acknowledge': 'batches:acknowledge',
  'batches:verify': 'batches:verify',
  'backups:create': 'backups:create',
  'backups:verify': 'backups:verify',
  'backups:restorePrepare': 'backups:restorePrepare',
  'imports:inspect': 'imports:inspect',
  'imports:preview': 'imports:run',
  'imports:run': 'imports:run',
  'imports:undo': 'imports:undo',
  'imports:report': 'imports:report',
  'quality:scan': 'quality:scan',
} as const satisfies Record<string, JobKind>;
export type JobChannel = keyof typeof JOB_OF_CHANNEL;
export type ChannelJobResult<C extends JobChannel> = JobResult<(typeof JOB_OF_CHANNEL)[C]>;

/** How a job ended, for its caller: its checked answer, or why there is none (`cancelled`: Cancelar). */
export type JobOutcome<T> = { ok: true; value: T } | ({ ok: false; cancelled: boolean } & AppErrorData);

const INTERRUPTED: AppErrorData = { code: 'INTERNAL', message: 'A tarefa foi interrompida.' };
const OFF_FORMAT: AppErrorData = { code: 'INTERNAL', message: 'Erro interno inesperado: a tarefa respondeu fora do formato esperado.' };

/** A finished job's outcome: the answer checked against its kind's schema, or its error. */
export function jobOutcome<K extends JobKind>(kind: K, status: JobStatus): JobOutcome<JobResult<K>> {
  if (status.state === 'running') throw new Error(`job ${status.id} has not ended`);
  if (status.state !== 'done') return { ok: false, cancelled: status.state === 'cancelled', ...(status.error ?? INTERRUPTED) };
  const parsed = JOB_RESULTS[kind].safeParse(status.result);
  if (!parsed.success) return { ok: false, cancelled: false, ...OFF_FORMAT };
  return { ok: true, value: parsed.data as JobResult<K> };
}
