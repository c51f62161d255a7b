// Every job kind the runner can start, by name. Each feature adds its own entries here.
import { checkStoreIntegrity } from './integrity';
import type { JobFn } from './types';

export const JOBS: Record<string, JobFn<never, unknown>> = {
  'store.integrity': checkStoreIntegrity as JobFn<never, unknown>,
};
