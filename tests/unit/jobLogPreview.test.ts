// An import's preview runs the import job without writing: the log line of that job says it was a
// preview (`dryRun: true`), so IT never reads a preview as an import written — codes, counts and
// flags only, never a value of the spreadsheet.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDesk } from '../../db';
import { jobEnded, loggable } from '../../db/log';
import type { JobStatus } from '../../shared/contract/jobs';
import { addPeople } from '../fixtures/imports/people';
import { fixture } from '../fixtures/imports/jobs';

const dir = mkdtempSync(join(tmpdir(), 'cress-job-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ended = (result: unknown): JobStatus => ({
  id: 'job-1',
  kind: 'imports:run',
  state: 'done',
  progress: { phase: 'done', label: 'Pronto', done: 1, total: 1 },
  result,
  error: null,
  startedAt: '2026-03-10T12:00:00.000Z',
  finishedAt: '2026-03-10T12:00:01.000Z',
});

describe('the log line of an import job', () => {
  it('says a preview was one, and a written import was not', () => {
    expect(loggable(jobEnded(ended({ dryRun: true, written: false, rows: 1, accepted: 1, file: 'Planilha de Maria.xlsx' })))).toEqual({
      level: 'info',
      event: 'job',
      channel: 'imports:run',
      ms: 1000,
      ok: true,
      dryRun: true,
      rows: 1,
      accepted: 1,
    });
    expect(loggable(jobEnded(ended({ dryRun: false, written: true, rows: 1 })))).toMatchObject({ channel: 'imports:run', ok: true, dryRun: false, rows: 1 });
  });

  it('of a job that has no preview holds no such flag', () => {
    expect(loggable(jobEnded({ ...ended({ scanned: 20 }), kind: 'quality:scan' }))).not.toHaveProperty('dryRun');
  });

  it('as the desk writes it after imports:preview and imports:run', async () => {
    const logs = join(dir, 'logs');
    const desk = openDesk({ path: join(dir, 'store.sqlite'), appVersion: 'test', logDir: logs, create: true });
    try {
      desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
      addPeople(desk.store);
      const request = { path: fixture('corrections.csv'), name: 'corrections.csv', kind: 'corrections' as const, dipAcknowledged: true };
      for (const channel of ['imports:preview', 'imports:run'] as const) {
        const started = await desk.dispatch(channel, request);
        if (!started.ok) throw new Error(started.error.message);
        expect((await desk.jobs.wait((started.value as { jobId: string }).jobId)).state).toBe('done');
      }
      const log = readFileSync(join(logs, 'cress-desk.log'), 'utf8');
      const jobs = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'job');
      expect(jobs).toEqual([
        expect.objectContaining({ channel: 'imports:run', ok: true, dryRun: true }),
        expect.objectContaining({ channel: 'imports:run', ok: true, dryRun: false }),
      ]);
      expect(log).not.toContain('corrections.csv');
    } finally {
      desk.close();
    }
  });

  it('says a preview was one also when it failed or was cancelled', async () => {
    const logs = join(dir, 'logs-ended-badly');
    const desk = openDesk({ path: join(dir, 'store-ended-badly.sqlite'), appVersion: 'test', logDir: logs, create: true });
    try {
      desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
      addPeople(desk.store);
      const broken = join(dir, 'quebrada.xlsx');
      writeFileSync(broken, 'isto não é uma planilha');
      const preview = async (path: string, cancel: boolean) => {
        const started = await desk.dispatch('imports:preview', { path, name: basename(path), kind: 'corrections', dipAcknowledged: true });
        if (!started.ok) throw new Error(started.error.message);
        const { jobId } = started.value as { jobId: string };
        if (cancel) desk.jobs.cancel(jobId);
        return (await desk.jobs.wait(jobId)).state;
      };
      expect(await preview(broken, false)).toBe('failed');
      expect(await preview(fixture('corrections.csv'), true)).toBe('cancelled');
      const log = readFileSync(join(logs, 'cress-desk.log'), 'utf8');
      const jobs = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'job');
      expect(jobs).toEqual([
        expect.objectContaining({ channel: 'imports:run', ok: false, dryRun: true, cancelled: false }),
        expect.objectContaining({ channel: 'imports:run', ok: false, dryRun: true, cancelled: true, code: 'JOB_CANCELLED' }),
      ]);
    } finally {
      desk.close();
    }
  });
});
