// The long backup operations as jobs (docs/jobs.md): each opens its own connections to the store.
import type { BackupCreated, BackupVerification, RestorePrepared } from '../../shared/contract/backups';
import type { JobFn } from '../jobs/types';
import { createBackup, type CreateBackupInput } from './create';
import { prepareRestore } from './restore';
import { verifyBackup, type VerifyInput } from './verify';

export const createBackupJob: JobFn<CreateBackupInput, BackupCreated> = (input, context) => createBackup(input, context);
export const verifyBackupJob: JobFn<VerifyInput, BackupVerification> = (input, context) => verifyBackup(input, context);
export const prepareRestoreJob: JobFn<VerifyInput, RestorePrepared> = (input, context) => prepareRestore(input, context);
