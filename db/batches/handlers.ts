// The batch channels of the handler table (merged into db/handlers.ts).
import type { Handlers } from '../../shared/contract';
import type { JobRunner } from '../jobs/runner';
import type { Store } from '../open';
import { getSettings } from '../settings';
import { batchDashboard } from './dashboard';
import { dipEmail } from './dipEmail';
import { removeBatchItem } from './itemRemove';
import { cancelBatch, createBatch, markBatchSent, sealBatch } from './lifecycle';
import { batchGroups, batchItems, pendingForBatch } from './review';
import { batchSummary, findBatchRow, listBatches, toSummary } from './summary';

type BatchChannel = Extract<keyof Handlers, `batches:${string}`>;

export function batchHandlers(store: Store, options: { clock: () => Date; jobs: JobRunner; appVersion: string }): Pick<Handlers, BatchChannel> {
  const { db } = store;
  const { clock, jobs } = options;
  return {
    'batches:pending': () => pendingForBatch(db),
    'batches:list': (input) => listBatches(db, input, clock()),
    'batches:find': ({ key }) => {
      const row = findBatchRow(db, key, getSettings(db)?.region ?? null);
      return row ? toSummary(db, row, clock()) : null;
    },
    'batches:get': ({ id }) => ({ batch: batchSummary(db, id, clock()), groups: batchGroups(db, id) }),
    'batches:items': (input) => batchItems(db, input),
    'batches:create': () => createBatch(db, clock()),
    'batches:seal': ({ id }) => sealBatch(db, id, clock(), options.appVersion),
    'batches:cancel': ({ id }) => cancelBatch(db, id, clock()),
    'batches:removeItem': (input) => removeBatchItem(db, input, clock()),
    'batches:export': (input) => {
      // Fail fast on an unknown batch; the job itself checks the state again on its own connection.
      batchSummary(db, input.id, clock());
      return { jobId: jobs.start('batches:export', { id: input.id, path: input.path, passphrase: input.passphrase, replace: input.replace }) };
    },
    'batches:markSent': (input) => markBatchSent(db, input, clock()),
    'batches:acknowledge': (input) => ({ jobId: jobs.start('batches:acknowledge', input) }),
    'batches:verify': (input) => ({ jobId: jobs.start('batches:verify', input) }),
    'batches:dipEmail': ({ id }) => dipEmail(db, id),
    'batches:dashboard': ({ days }) => batchDashboard(db, days, clock()),
  };
}
