// The channels as the screen calls them: each long step starts a job the window follows — inline
// here, and in a worker thread of the built app.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../../db';
import type { Envelope } from '../../../shared/contract';
import { importSummarySchema, inspectResultSchema, type ImportSummary } from '../../../shared/contract/imports';
import { addPeople } from '../../fixtures/imports/people';
import { fixture } from '../../fixtures/imports/jobs';
import { tempDir, type TempDir } from '../fixtures';

const workerPath = resolve(__dirname, '../../../out/worker/jobs.cjs');
let dir: TempDir;
let desk: Desk;

async function finished(jobId: string) {
  const status = await desk.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(`${status.state}: ${status.error?.message}`);
  return status.result;
}

async function value<T>(envelope: Promise<Envelope<unknown>>): Promise<T> {
  const answer = await envelope;
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

function open(workerPath: string | null) {
  desk = openDesk({ path: dir.file('store.sqlite'), appVersion: 'test', workerPath, create: true });
  if (!desk.store.db.prepare('SELECT 1 FROM settings').get()) {
    desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
    addPeople(desk.store);
  }
}

beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  desk.close();
  dir.cleanup();
});

describe('import channels', () => {
  it('inspect → preview → run, each a job, as the Importar screen does', async () => {
    open(null);
    const { jobId } = await value<{ jobId: string }>(desk.dispatch('imports:inspect', { path: fixture('workbook.xlsx'), name: 'workbook.xlsx' }));
    const inspected = inspectResultSchema.parse(await finished(jobId));
    expect(inspected).toMatchObject({ file: 'workbook.xlsx', format: 'xlsx', previous: [] });
    const sheet = inspected.sheets.find((s) => s.name === 'Correções');
    expect(sheet?.headers).toEqual(['Registro', 'CPF', 'Nome da mãe', 'Não consta mãe', 'Data de nascimento', 'E-mail']);
    expect(sheet?.mappings.corrections).toEqual(['registrationNumber', 'cpf', 'motherName', 'motherNotListed', 'birthDate', 'email']);

    const request = { path: fixture('workbook.xlsx'), name: 'workbook.xlsx', kind: 'corrections' as const, sheet: 'Correções', mapping: sheet?.mappings.corrections ?? null };
    const preview = importSummarySchema.parse(await finished((await value<{ jobId: string }>(desk.dispatch('imports:preview', request))).jobId));
    // The sheet names no document: the rows changing the mother and a birth date are refused, the e-mail row goes in.
    expect(preview).toMatchObject({ dryRun: true, written: false, accepted: 1, rejected: 2 });
    const written = importSummarySchema.parse(await finished((await value<{ jobId: string }>(desk.dispatch('imports:run', request))).jobId));
    expect(written).toMatchObject({ written: true, accepted: 1, corrections: 1 });
    const history = await value(desk.dispatch('imports:list', {}));
    expect(history).toMatchObject({ total: 1, items: [{ id: written.importId, accepted: 1 }] });
  });

  it('refuses a bad request before starting anything', async () => {
    open(null);
    expect(await desk.dispatch('imports:run', { path: 'x.csv', name: 'x.csv', kind: 'nada' })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    expect(await desk.dispatch('imports:undo', { id: 999 })).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_FOUND' } });
    expect(await desk.dispatch('imports:errors', { id: 999 })).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_FOUND' } });
  });

  it('runs in a worker thread of the built app, the window free meanwhile', async () => {
    if (!existsSync(workerPath)) throw new Error('Build first (npm run build): out/worker/jobs.cjs is missing');
    open(null);
    desk.close();
    open(workerPath);
    const { jobId } = await value<{ jobId: string }>(desk.dispatch('imports:run', { path: fixture('corrections.ods'), name: 'corrections.ods', kind: 'corrections', dipAcknowledged: true }));
    const info = await desk.dispatch('app:info', {});
    expect(info.ok).toBe(true);
    const summary = (await finished(jobId)) as ImportSummary;
    expect(summary).toMatchObject({ written: true, rows: 19, accepted: 8, rejected: 10 });
    const errors = await value(desk.dispatch('imports:errors', { id: summary.importId as number, pageSize: 5 }));
    expect(errors).toMatchObject({ total: 10, items: [{ row: 8, code: 'DUPLICATE_CONFLICT' }, { row: 11 }, { row: 12 }, { row: 13 }, { row: 14 }] });
  });
});
