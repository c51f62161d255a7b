// The desk: the open store, its handler table, the dispatcher every transport calls, and the job
// runner. It owns the store so that a restore can close it, swap the file and open it again while
// the transports keep calling the same `dispatch`.
import type { Handlers } from '../shared/contract';
import { recoverWhileOpen } from './abandonedImports';
import { AppError } from '../shared/errors';
import { createDispatcher, type Dispatch } from './dispatch';
import type { FileBroker } from './fileBroker';
import { createHandlers } from './handlers';
import { fileLogger, jobEnded, silentLogger } from './log';
import { JobRunner, type JobRunnerOptions } from './jobs/runner';
import { openStore, type Store } from './open';
import { isActiveOperator } from './operators';
import { requireSessions, sessionOf, setSession } from './session';
import { requireOperator } from './settings';
import { removeAbandonedCopies } from './imports/readers/privateCopy';

export interface DeskOptions {
  path: string;
  appVersion: string;
  /** The built worker script for long jobs; null runs them inline (command line, tests). */
  workerPath?: string | null;
  now?: () => Date;
  onJobProgress?: JobRunnerOptions['onProgress'];
  /** Folder of the app's log file (no personal data is ever written there); none when absent. */
  logDir?: string | null;
  /**
   * May a missing store file be created? Only `init` and the app's own launch (its first run
   * leads to the set-up screen) say so; anything else on a missing file is STORE_NOT_FOUND.
   */
  create?: boolean;
  /**
   * Who may name files (db/fileBroker.ts): the app and the browser host pass the broker of their
   * dialogs, uploads and downloads; absent, paths are taken as typed (command line, tests).
   */
  files?: FileBroker;
  /** The app and the browser host: no write without a session's operator (db/session.ts). */
  requireSessions?: boolean;
  /**
   * The app and the browser host keep the store open all day: they look every few seconds for an
   * import another program was killed writing (db/abandonedImports.ts). A command's store is open
   * for moments: the next open rolls such an import back.
   */
  keptOpen?: boolean;
}

export interface Desk {
  readonly store: Store;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly jobs: JobRunner;
  /**
   * Closes the store, runs `fn` (which may replace the file), and opens it again — also when
   * `fn` throws, so the desk is never left without a store. Refused while a job runs.
   */
  withStoreClosed<T>(fn: (path: string) => T): T;
  close(): void;
}

export function openDesk(options: DeskOptions): Desk {
  if (options.requireSessions) requireSessions();
  let store = openStore({ path: options.path, create: options.create ?? false });
  // Follows the store across a restore's reopening (withStoreClosed).
  const abandoned = options.keptOpen ? recoverWhileOpen(() => store) : null;
  if (options.keptOpen) removeAbandonedCopies();
  const logger = options.logDir ? fileLogger(options.logDir) : silentLogger;
  const jobs = new JobRunner({
    storePath: () => store.path,
    workerPath: options.workerPath ?? null,
    onProgress: options.onJobProgress,
    onFinish: (status, input) => logger.log(jobEnded(status, input)),
    ...(options.now ? { now: options.now } : {}),
  });
  const env = {
    appVersion: options.appVersion,
    now: options.now,
    jobs,
    withStoreClosed: <T>(fn: (path: string) => T): T => desk.withStoreClosed(fn),
    files: options.files,
  };
  let handlers = createHandlers(store, env);
  const dispatchNow = createDispatcher(() => handlers, logger, {
    storePath: () => store.path,
    requireOperator: () => requireOperator(store.db),
  });

  const desk: Desk = {
    get store() {
      return store;
    },
    get handlers() {
      return handlers;
    },
    dispatch: dispatchNow,
    jobs,
    withStoreClosed<T>(fn: (path: string) => T): T {
      if (jobs.busy()) throw new AppError('JOB_BUSY', 'Aguarde a tarefa em andamento terminar antes de continuar.');
      const path = store.path;
      store.close();
      try {
        return fn(path);
      } finally {
        store = openStore({ path, create: false });
        handlers = createHandlers(store, env);
        // A restored store that does not count the session's operator among its active ones ends the session.
        const operator = sessionOf(path);
        if (operator !== null && !isActiveOperator(store.db, operator)) setSession(path, null);
      }
    },
    close() {
      abandoned?.stop();
      store.close();
    },
  };
  return desk;
}
