// Every job kind the runner can start, by name (shared/contract/jobKinds.ts declares each kind's
// answer; the `satisfies` below checks every function against it). Each feature adds its entries here.
import type { JobKind, JobResult } from '../../shared/contract/jobKinds';
import { verifyAuditJob } from '../auditReplay';
import { createBackupJob, prepareRestoreJob, verifyBackupJob } from '../backups/jobs';
import { acknowledgeBatchJob, exportBatchJob, verifyBatchJob } from '../batches/jobs';
import { inspectImport } from '../imports/inspect';
import { importReport } from '../imports/report';
import { runImport } from '../imports/run';
import { undoImport } from '../imports/undo';
import { scanQualityJob } from '../quality';
import { checkStoreIntegrity } from './integrity';
import type { JobContext, JobFn } from './types';

export const JOBS = {
  'store:integrity': checkStoreIntegrity,
  'audit:verify': verifyAuditJob,
  'batches:export': exportBatchJob,
  'batches:acknowledge': acknowledgeBatchJob,
  'batches:verify': verifyBatchJob,
  'backups:create': createBackupJob,
  'backups:verify': verifyBackupJob,
  'backups:restorePrepare': prepareRestoreJob,
  'imports:inspect': inspectImport,
  'imports:run': runImport,
  'imports:undo': undoImport,
  'imports:report': importReport,
  'quality:scan': scanQualityJob,
} satisfies { [K in JobKind]: (input: never, context: JobContext) => JobResult<K> | Promise<JobResult<K>> };

/** What a job kind takes. */
export type JobInput<K extends JobKind> = Parameters<(typeof JOBS)[K]>[0];

/** The function of a kind named at run time (a worker's data; a test's own kinds), if there is one. */
export function jobFunction(kind: string): JobFn | undefined {
  return Object.hasOwn(JOBS, kind) ? (JOBS as Record<string, JobFn>)[kind] : undefined;
}
