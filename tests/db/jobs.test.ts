// Long jobs: started, followed, cancelled; inline (command line) and in a worker thread (app).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../db';
import { jobCancelled } from '../../db/jobs/cancel';
import { JOBS } from '../../db/jobs/registry';
import type { JobKind } from '../../shared/contract/jobKinds';
import type { JobFn } from '../../db/jobs/types';

const workerPath = resolve(__dirname, '../../out/worker/jobs.cjs');
let dir: string;
let desk: Desk;

// A job that counts to a number, checking for Cancelar between steps, as real jobs do.
const countTo: JobFn<{ to: number }, number> = ({ to }, context) => {
  for (let i = 1; i <= to; i++) {
    if (context.cancelled()) throw jobCancelled();
    context.progress({ phase: 'count', label: 'Contando…', done: i, total: to });
  }
  return to;
};

// Kinds only these tests know, added to the runner's table as a feature adds its own.
const testJobs = JOBS as Record<string, JobFn<never, unknown>>;
const TEST_COUNT = 'test.count' as JobKind;
const TEST_FAIL = 'test.fail' as JobKind;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-jobs-'));
  testJobs[TEST_COUNT] = countTo as JobFn<never, unknown>;
  desk = openDesk({ path: join(dir, 'store.sqlite'), appVersion: 'test', create: true });
});
afterAll(() => {
  desk.close();
  delete testJobs[TEST_COUNT];
  rmSync(dir, { recursive: true, force: true });
});

describe('job runner', () => {
  it('answers a job id at once and the result when it ends', async () => {
    const id = desk.jobs.start(TEST_COUNT, { to: 1000 } as never);
    expect(desk.jobs.status(id).state).toBe('running');
    const final = await desk.jobs.wait(id);
    expect(final).toMatchObject({ state: 'done', result: 1000, progress: { done: 1000, total: 1000 } });
    expect(final.finishedAt).not.toBeNull();
  });

  it('reports a cancelled job as cancelled, with the reason in Portuguese', async () => {
    const id = desk.jobs.start(TEST_COUNT, { to: 5 } as never);
    desk.jobs.cancel(id);
    const final = await desk.jobs.wait(id);
    expect(final.state).toBe('cancelled');
    expect(final.error?.message).toMatch(/cancelada/);
  });

  it('reports a failing job as failed without throwing at the caller', async () => {
    testJobs[TEST_FAIL] = (() => {
      throw new Error('disk on fire');
    }) as JobFn<never, unknown>;
    const failing = desk.jobs.start(TEST_FAIL, {} as never);
    expect(await desk.jobs.wait(failing)).toMatchObject({ state: 'failed', error: { code: 'INTERNAL' } });
    delete testJobs[TEST_FAIL];
  });

  it('refuses an unknown job kind and an unknown id through the contract', async () => {
    const status = await desk.dispatch('jobs:status', { id: 'no-such-job' });
    expect(status).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
    expect(() => desk.jobs.start('no.such.kind' as JobKind, {} as never)).toThrow(/desconhecida/);
  });

  it('runs the integrity check in a worker thread of the built app', async () => {
    if (!existsSync(workerPath)) throw new Error('Build first (npm run build): out/worker/jobs.cjs is missing');
    const inWorker = openDesk({ path: join(dir, 'store.sqlite'), appVersion: 'test', workerPath });
    try {
      const id = inWorker.jobs.start('store:integrity', {});
      const final = await inWorker.jobs.wait(id);
      expect(final).toMatchObject({ state: 'done', result: { ok: true, problems: [] } });
    } finally {
      inWorker.close();
    }
  });
});
