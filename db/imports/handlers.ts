// The imports' channels: the long work (inspect, preview, write, undo, report) starts jobs that
// run off the main thread; the history and its errors are read directly.
import type { Handlers } from '../../shared/contract';
import type { JobRunner } from '../jobs/runner';
import type { Store } from '../open';
import { importErrorsPage, listImports, queuedOf, requireImport, undoBlocker } from './history';
import { AppError } from '../../shared/errors';

type ImportChannels = 'imports:inspect' | 'imports:preview' | 'imports:run' | 'imports:list' | 'imports:errors' | 'imports:undo' | 'imports:report';

export function importHandlers(store: Store, env: { jobs: JobRunner }): Pick<Handlers, ImportChannels> {
  const { db } = store;
  const { jobs } = env;
  return {
    'imports:inspect': (input) => ({ jobId: jobs.start('imports:inspect', input) }),
    'imports:preview': (input) => ({ jobId: jobs.start('imports:run', { ...input, dryRun: true, force: false }) }),
    'imports:run': (input) => ({ jobId: jobs.start('imports:run', { ...input, dryRun: false }) }),
    'imports:list': (input) => listImports(db, input),
    'imports:errors': (input) => importErrorsPage(db, input),
    'imports:undo': ({ id }) => {
      // Refused at once when the reason is already known; the job checks again inside its transaction.
      const blocker = undoBlocker(requireImport(db, id), queuedOf(db, id));
      if (blocker) throw new AppError('IMPORT_UNDO_REFUSED', blocker);
      return { jobId: jobs.start('imports:undo', { id }) };
    },
    'imports:report': (input) => {
      requireImport(db, input.id);
      return { jobId: jobs.start('imports:report', input) };
    },
  };
}
