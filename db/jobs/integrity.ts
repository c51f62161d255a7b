// A full integrity check of the store file: long on a big store, so it runs as a job.
import { openStore } from '../open';
import type { JobResult } from '../../shared/contract/jobKinds';
import type { JobFn } from './types';

/** What the check answers (declared with the job kinds, shared/contract/jobKinds.ts). */
export type IntegrityResult = JobResult<'store:integrity'>;

export const checkStoreIntegrity: JobFn<Record<string, never>, IntegrityResult> = (_input, context) => {
  context.progress({ phase: 'check', label: 'Conferindo o arquivo de dados…', done: 0, total: 1 });
  const store = openStore({ path: context.storePath, create: false });
  try {
    const rows = store.db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    context.progress({ phase: 'check', label: 'Conferindo o arquivo de dados…', done: 1, total: 1 });
    return { ok: problems.length === 0, problems, schemaVersion: store.schemaVersion };
  } finally {
    store.close();
  }
};
