// Every job kind the runner can start, by name. Each feature adds its own entries here.
import { verifyAuditJob } from '../auditReplay';
import { createBackupJob, prepareRestoreJob, verifyBackupJob } from '../backups/jobs';
import { acknowledgeBatchJob, exportBatchJob, verifyBatchJob } from '../batches/jobs';
import { inspectImport } from '../imports/inspect';
import { importReport } from '../imports/report';
import { runImport } from '../imports/run';
import { undoImport } from '../imports/undo';
import { checkStoreIntegrity } from './integrity';
import type { JobFn } from './types';

export const JOBS: Record<string, JobFn<never, unknown>> = {
  'store.integrity': checkStoreIntegrity as JobFn<never, unknown>,
  'audit.verify': verifyAuditJob as JobFn<never, unknown>,
  'batch.export': exportBatchJob as JobFn<never, unknown>,
  'batch.acknowledge': acknowledgeBatchJob as JobFn<never, unknown>,
  'batch.verify': verifyBatchJob as JobFn<never, unknown>,
  'backup.create': createBackupJob as JobFn<never, unknown>,
  'backup.verify': verifyBackupJob as JobFn<never, unknown>,
  'backup.restorePrepare': prepareRestoreJob as JobFn<never, unknown>,
  'import.inspect': inspectImport as JobFn<never, unknown>,
  'import.run': runImport as JobFn<never, unknown>,
  'import.undo': undoImport as JobFn<never, unknown>,
  'import.report': importReport as JobFn<never, unknown>,
};
