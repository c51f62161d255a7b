// The handler table: one function per contract channel, over the modules of each area.
// Inputs arrive already parsed by the dispatcher; every write is one transaction.
import type { Handlers } from '../shared/contract';
import { auditEntriesOf } from './auditEntries';
import { runAuditVerify } from './auditReplay';
import { exportAudit } from './auditExport';
import { exportStoreKey } from './storeKeyExport';
import { isListedBackup } from './backups/catalog';
import { backupHandlers } from './backups/handlers';
import { batchHandlers } from './batches/handlers';
import { listCep, saveCep } from './cep';
import { correctionCounts, correctionCountsOf, correctionOperators, correctionsOfProfessional, listCorrections, previewCorrection, saveCorrection } from './corrections';
import { cancelCorrection } from './correctionCancel';
import { contactHandlers } from './contacts/handlers';
import { dipHandlers } from './dip/handlers';
import { trustedFiles, type FileBroker } from './fileBroker';
import { grantFiles } from './fileGrants';
import { importHandlers } from './imports/handlers';
import { countRecordsWithPendencies, emailOfAnother, pendenciesOf } from './pendencies';
import { exportQuality, qualityItems, qualitySummary } from './quality';
import { historyOf } from './recordHistory';
import { countOpenConflicts, listOpenConflicts, openConflictsOf, resolveConflict } from './registryConflicts';
import { exportRegistry } from './registryExport';
import { dismissRejection, unresolvedRejectionCounts } from './rejections';
import { JobRunner } from './jobs/runner';
import { activeOperatorNames, addOperator, disableOperator, endSession, listOperators, resetOperatorPin, setAdminPin, startSession } from './operators';
import type { Store } from './open';
import { countProfessionals, fillDemo, findProfessional, insertDemoProfessionals, requireProfessional } from './registry';
import { searchProfessionals } from './search';
import { sessionOperator } from './session';
import { getSettings, setupSettings, updateSettings } from './settings';
import { writeTransaction } from './storeLock';

export interface HandlerEnv {
  appVersion: string;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Long jobs (imports, backups, exports); inline when absent (tests). */
  jobs?: JobRunner;
  /** Close the store, run `fn` (which may replace the file), reopen it: see db/desk.ts. */
  withStoreClosed?: <T>(fn: (path: string) => T) => T;
  /** Who may name files: the transport's handles (app, browser host); the command line's paths when absent. */
  files?: FileBroker;
}

export function createHandlers(store: Store, env: HandlerEnv): Handlers {
  const { db } = store;
  const clock = env.now ?? (() => new Date());
  const nowIso = () => clock().toISOString();
  const jobs = env.jobs ?? new JobRunner({ storePath: () => store.path, workerPath: null, now: clock });

  const table: Handlers = {
    'app:info': () => ({
      version: env.appVersion,
      schemaVersion: store.schemaVersion,
      storePath: store.path,
      professionals: countProfessionals(db),
      settings: getSettings(db),
      operators: activeOperatorNames(db),
      sessionOperator: sessionOperator(db),
    }),

    'settings:setup': (input) => {
      const now = clock();
      return writeTransaction(db, () => {
        const settings = setupSettings(db, input, now.toISOString());
        if (input.demoProfessionals > 0) {
          insertDemoProfessionals(db, { count: input.demoProfessionals, seed: 1, region: settings.region, operator: settings.operator }, now);
        }
        return settings;
      });
    },

    'settings:update': (input) => updateSettings(db, input, nowIso()),

    'settings:exportKey': (input) => exportStoreKey(db, input, nowIso()),

    'registry:search': (input) => searchProfessionals(db, input),

    'registry:get': ({ id }) => ({
      professional: requireProfessional(db, id),
      corrections: correctionsOfProfessional(db, id),
      statusCounts: correctionCountsOf(db, id),
      audit: auditEntriesOf(db, 'professional', String(id)),
      pendencies: pendenciesOf(db, id),
      conflicts: openConflictsOf(db, id),
      history: historyOf(db, id),
    }),

    'registry:overview': () => ({
      professionals: countProfessionals(db),
      withPendencies: countRecordsWithPendencies(db),
      rejections: unresolvedRejectionCounts(db),
      openConflicts: countOpenConflicts(db),
    }),

    'registry:find': ({ key }) => findProfessional(db, key),

    'registry:emailInUse': ({ email, professionalId }) => ({ inUse: emailOfAnother(db, email, professionalId) }),

    'registry:demo': (input) => fillDemo(db, input, clock()),

    'registry:export': (input) => exportRegistry(db, input, nowIso()),

    'quality:summary': () => qualitySummary(db),

    'quality:list': (input) => qualityItems(db, input),

    'quality:scan': (input) => ({ jobId: jobs.start('quality:scan', input) }),

    'quality:export': (input) => exportQuality(db, input, nowIso()),

    'registry:conflicts': (input) => listOpenConflicts(db, input),

    'registry:resolveConflict': (input) => resolveConflict(db, input, nowIso()),

    'corrections:preview': (input) => previewCorrection(db, input),

    'corrections:save': (input) => saveCorrection(db, input, nowIso()),

    'corrections:list': (input) => listCorrections(db, input),

    'corrections:counts': () => correctionCounts(db),

    'corrections:operators': () => correctionOperators(db),

    'corrections:cancel': (input) => cancelCorrection(db, input, nowIso()),

    'corrections:dismissRejection': (input) => dismissRejection(db, input, nowIso()),

    'cep:list': (input) => listCep(db, input),

    'cep:save': (input) => saveCep(db, input, nowIso()),

    'audit:verify': () => runAuditVerify(jobs),

    // The trail leaves the desk only with an operator who signed in (shared/contract/sessions.ts).
    'audit:export': (input) => exportAudit(db, input),

    'jobs:status': ({ id }) => jobs.status(id),

    'jobs:cancel': ({ id }) => jobs.cancel(id),

    ...batchHandlers(store, { clock, jobs, appVersion: env.appVersion }),

    ...backupHandlers(store, { clock, jobs, appVersion: env.appVersion, withStoreClosed: env.withStoreClosed }),

    ...importHandlers(store, { jobs }),

    ...contactHandlers(store, { clock }),

    ...dipHandlers(store, { clock }),

    'operators:list': () => listOperators(db, nowIso()),

    'operators:add': (input) => addOperator(db, input, nowIso()),

    'operators:disable': (input) => disableOperator(db, input, nowIso()),

    'operators:resetPin': (input) => resetOperatorPin(db, input, nowIso()),

    'operators:setAdminPin': (input) => setAdminPin(db, input, nowIso()),

    'session:start': (input) => startSession(db, input, nowIso()),

    'session:end': () => endSession(db),
  };
  return grantFiles(table, env.files ?? trustedFiles(), { listedBackup: (path) => isListedBackup(db, path) });
}
