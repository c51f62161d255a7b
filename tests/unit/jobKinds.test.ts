// Reading a finished job: the answer as its kind declares it, or why there is none — whoever asks
// (the window, the command line) gets the same outcome.
import { describe, expect, it } from 'vitest';
import { jobOutcome, JOB_KINDS, JOB_OF_CHANNEL } from '../../shared/contract/jobKinds';
import type { JobStatus } from '../../shared/contract/jobs';

function ended(state: JobStatus['state'], result: unknown, error: JobStatus['error'] = null): JobStatus {
  const progress = { phase: 'check', label: 'Conferindo…', done: 1, total: 1 };
  return { id: 'j1', kind: 'store:integrity', state, progress, result, error, startedAt: '2026-12-02T10:00:00.000Z', finishedAt: '2026-12-02T10:00:01.000Z' };
}

describe('the outcome of a finished job', () => {
  it('is its answer when it has the shape its kind declares', () => {
    const outcome = jobOutcome('store:integrity', ended('done', { ok: true, problems: [], schemaVersion: 9 }));
    expect(outcome).toEqual({ ok: true, value: { ok: true, problems: [], schemaVersion: 9 } });
  });

  it('is an internal error, not a value, when the answer has another shape', () => {
    const outcome = jobOutcome('store:integrity', ended('done', { ok: 'yes' }));
    expect(outcome).toMatchObject({ ok: false, code: 'INTERNAL', cancelled: false, message: expect.stringMatching(/fora do formato/) });
  });

  it('carries the job’s own error, and says when the clerk cancelled it', () => {
    const failed = jobOutcome('backups:verify', ended('failed', null, { code: 'DISK_FULL', message: 'Disco cheio: libere espaço.' }));
    expect(failed).toEqual({ ok: false, cancelled: false, code: 'DISK_FULL', message: 'Disco cheio: libere espaço.' });
    const cancelled = jobOutcome('imports:run', ended('cancelled', null, { code: 'JOB_CANCELLED', message: 'Operação cancelada: nada foi gravado.' }));
    expect(cancelled).toMatchObject({ ok: false, cancelled: true });
  });

  it('is asked only once the job ended', () => {
    expect(() => jobOutcome('imports:run', ended('running', null))).toThrow();
  });

  it('every channel that starts a job names a declared kind', () => {
    for (const kind of Object.values(JOB_OF_CHANNEL)) expect(JOB_KINDS).toContain(kind);
  });
});
