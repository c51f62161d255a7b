// Each job runs in a thread of its own with hundreds of MB of room: whoever holds the browser
// host's token (or a page that loops) must not start them without end until the computer runs out
// of memory. Past a handful at once a new one is refused, saying to wait; once they end, it runs.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUNNING_JOBS } from '../../db/jobs/runner';
import { invoke, runJob, type Answered } from './hostClient';
import type { RunningHost } from '../../electron/preview/server';
import { startTestHost, type TestHost } from './testHost';

const WORKER = resolve(__dirname, '../../out/worker/jobs.cjs');
let running: TestHost;
let host: RunningHost;

beforeAll(async () => {
  running = await startTestHost('cress-host-jobs-', { workerPath: WORKER });
  host = running.host;
  expect(await invoke(host, 'settings:setup', { region: 9, operator: 'Ana Souza', pin: '4321', demoProfessionals: 40 })).toMatchObject({ ok: true });
}, 60_000);

afterAll(() => running.close());

async function settled(jobId: string): Promise<void> {
  for (;;) {
    const status = await invoke(host, 'jobs:status', { id: jobId });
    if (!status.ok || status.value.state !== 'running') return;
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('jobs started all at once through the browser host', () => {
  it('run a handful at a time: the rest are refused, saying to wait, and one started after they end runs', async () => {
    const answers: Answered[] = await Promise.all(Array.from({ length: 40 }, () => invoke(host, 'quality:scan', {})));
    const started = answers.filter((answer) => answer.ok);
    const refused = answers.filter((answer) => !answer.ok);
    expect(started.length).toBeGreaterThan(0);
    expect(started.length).toBeLessThanOrEqual(MAX_RUNNING_JOBS);
    expect(refused.length).toBe(40 - started.length);
    for (const answer of refused) {
      expect(answer.error).toMatchObject({ code: 'JOB_BUSY' });
      expect(answer.error?.message).toMatch(/tarefas em andamento.*espere/i);
    }
    await Promise.all(started.map((answer) => settled((answer.value as { jobId: string }).jobId)));
    expect(await runJob(host, 'quality:scan', {})).toMatchObject({ ok: true });
  }, 120_000);
});
