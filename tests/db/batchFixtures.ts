// A desk with a job runner the tests can wait on, and quick ways to queue corrections and CEP
// changes the way a clerk would (through the handlers).
import { createHandlers, openStore, type Store } from '../../db';
import { JobRunner } from '../../db/jobs/runner';
import type { Handlers, ParsedInput } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, EVIDENCE, REASON, tempDir, type TempDir } from './fixtures';

export interface BatchDesk {
  store: Store;
  handlers: Handlers;
  jobs: JobRunner;
  dir: TempDir;
  now(): Date;
  setNow(iso: string): void;
  /** Runs a channel that starts a job and returns the job's result (or throws its error). */
  job<T>(started: { jobId: string } | Promise<{ jobId: string }>): Promise<T>;
  cleanup(): void;
}

export function openBatchDesk(options: { region?: number; operator?: string; appVersion?: string } = {}): BatchDesk {
  const dir = tempDir();
  const store = openStore({ path: dir.file('store.sqlite') });
  let now = new Date('2026-03-10T13:00:00.000Z');
  const clock = () => now;
  const jobs = new JobRunner({ storePath: () => store.path, workerPath: null, now: clock });
  const handlers = createHandlers(store, { appVersion: options.appVersion ?? '1.2.3-test', now: clock, jobs });
  handlers['settings:setup']({ region: options.region ?? 9, seccional: null, operator: options.operator ?? 'Ana Paula', demoProfessionals: 0 });
  return {
    store,
    handlers,
    jobs,
    dir,
    now: clock,
    setNow: (iso) => {
      now = new Date(iso);
    },
    async job<T>(started: { jobId: string } | Promise<{ jobId: string }>): Promise<T> {
      const { jobId } = await started;
      const status = await jobs.wait(jobId);
      if (status.state !== 'done') {
        const error = new Error(status.error?.message ?? status.state) as Error & { code?: string; details?: unknown };
        error.code = status.error?.code;
        error.details = status.error?.details;
        throw error;
      }
      return status.result as T;
    },
    cleanup: () => {
      store.close();
      dir.cleanup();
    },
  };
}

/** Saves one correction through the handler, as the form does. */
export function correct(
  desk: BatchDesk,
  professional: Professional,
  changes: ParsedInput<'corrections:save'>['changes'],
  options: { dipAcknowledged?: boolean } = {},
) {
  const current = desk.handlers['registry:get']({ id: professional.id }) as { professional: Professional };
  return desk.handlers['corrections:save']({
    professionalId: professional.id,
    expectedRowVersion: current.professional.rowVersion,
    changes,
    reason: REASON,
    evidence: EVIDENCE,
    dipAcknowledged: options.dipAcknowledged ?? false,
  }) as { corrections: { uuid: string; field: string }[] };
}

/** `count` professionals, each with one e-mail correction; returns the corrections' uuids. */
export function queueEmailCorrections(desk: BatchDesk, count: number, overrides: Partial<Omit<Professional, 'id'>> = {}): string[] {
  const uuids: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = addProfessional(desk.store, overrides);
    uuids.push(correct(desk, p, { email: `nova.caixa.${p.registrationNumber}@exemplo.com.br` }).corrections[0]!.uuid);
  }
  return uuids;
}

export { addProfessional };
