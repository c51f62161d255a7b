// Where an import's error report goes: a place that cannot take the file (no such folder, a file
// where the folder should be, a folder named as the report, a folder nobody may write to) refuses
// the import before anything is written, naming the path; a report that still cannot be saved once
// the import was written leaves the import as written and says so, where the report was to go.
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../../db/imports/report';
import type { Envelope } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { deskWithPeopleForEachTest } from '../../fixtures/imports/people';
import { fixture, importInput, jobContext, runImport, type TestJobContext } from '../../fixtures/imports/jobs';
import { storeState } from '../../fixtures/imports/storeState';
import type { TempDir, TestDesk } from '../fixtures';

let desk: TestDesk;
let files: TempDir;
deskWithPeopleForEachTest((fresh) => ({ desk, files } = fresh));

const corrections = (reportPath: string, overrides: { dryRun?: boolean } = {}, context: TestJobContext = jobContext(desk.store.path)) =>
  runImport(importInput(fixture('corrections.csv'), { kind: 'corrections', reportPath, ...overrides }), context);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the import was not refused');
}

/** A job context that removes `folder` as the report is about to be written (after the import's commit). */
function folderGoneAtReport(folder: string): TestJobContext {
  const context = jobContext(desk.store.path);
  const progress = context.progress;
  context.progress = (p) => {
    progress(p);
    if (p.phase === 'report') rmSync(folder, { recursive: true, force: true });
  };
  return context;
}

const runAsRoot = process.getuid?.() === 0;

describe('a report destination that cannot take the file', () => {
  it('refuses the import before anything is written, naming the path: no such folder, a file as the folder, a folder as the report', () => {
    writeFileSync(files.file('notas.txt'), 'não é uma pasta');
    mkdirSync(files.file('relatorio.xlsx'));
    const cases: [string, RegExp][] = [
      [join(files.dir, 'semPasta', 'relatorio.xlsx'), /a pasta .*semPasta não existe/],
      [join(files.dir, 'notas.txt', 'relatorio.xlsx'), /notas\.txt não é uma pasta/],
      [files.file('relatorio.xlsx'), /é uma pasta/],
    ];
    for (const [reportPath, problem] of cases) {
      const before = storeState(desk.store.db);
      const error = refusal(() => corrections(reportPath));
      expect(error.code).toBe('EXPORT_DESTINATION');
      expect(error.message).toContain(reportPath);
      expect(error.message).toMatch(problem);
      expect(error.message).toMatch(/Nada foi gravado\.$/);
      expect(storeState(desk.store.db)).toEqual(before);
    }
    expect(existsSync(join(files.dir, 'semPasta'))).toBe(false);
  });

  it.skipIf(runAsRoot)('refuses a folder that cannot be written to, before anything is written', () => {
    const folder = files.file('somenteLeitura');
    mkdirSync(folder);
    chmodSync(folder, 0o555);
    try {
      const before = storeState(desk.store.db);
      const error = refusal(() => corrections(join(folder, 'relatorio.xlsx')));
      expect(error).toMatchObject({ code: 'EXPORT_DESTINATION' });
      expect(error.message).toMatch(/somenteLeitura não permite gravar arquivos/);
      expect(storeState(desk.store.db)).toEqual(before);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('is refused by the channels before any job starts: the import, its preview and the report of the history', async () => {
    const missing = join(files.dir, 'semPasta', 'relatorio.xlsx');
    const request = { path: fixture('corrections.csv'), name: 'corrections.csv', kind: 'corrections', reportPath: missing, dipAcknowledged: true };
    const before = storeState(desk.store.db);
    for (const answer of [await desk.dispatch('imports:run', request), await desk.dispatch('imports:preview', request)] as Envelope<unknown>[]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'EXPORT_DESTINATION' } });
      expect(answer.ok ? '' : answer.error.message).toContain(missing);
    }
    expect(storeState(desk.store.db)).toEqual(before);

    const written = corrections(files.file('erros.xlsx'));
    const report = (await desk.dispatch('imports:report', { id: written.importId as number, path: missing })) as Envelope<unknown>;
    expect(report).toMatchObject({ ok: false, error: { code: 'EXPORT_DESTINATION' } });
  });
});

describe('a report that still cannot be saved once the import was written', () => {
  it('answers the import as written, with a warning naming where the report was to go', () => {
    const folder = files.file('relatorios');
    mkdirSync(folder);
    const reportPath = join(folder, 'erros.xlsx');
    const summary = corrections(reportPath, {}, folderGoneAtReport(folder));
    expect(summary).toMatchObject({ written: true, accepted: 8, rejected: 10, reportPath: null });
    expect(summary.importId).not.toBeNull();
    expect(summary.reportWarning).toContain(reportPath);
    expect(summary.reportWarning).toMatch(new RegExp(`importação nº ${summary.importId} foi gravada`));
    expect(summary.reportWarning).not.toMatch(/Nada foi gravado/);
    // The corrections are in the store, and the import in the history.
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM corrections WHERE import_id = ?').get(summary.importId)).toEqual({ n: summary.corrections });
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 1 });
    // The report is made again from the history, elsewhere.
    expect(importReport({ id: summary.importId as number, path: files.file('de-novo.xlsx') }, jobContext(desk.store.path))).toMatchObject({ rows: 10 });
  });

  it('leaves no half-written report and says a preview wrote nothing', () => {
    const folder = files.file('relatorios');
    mkdirSync(folder);
    const reportPath = join(folder, 'erros.xlsx');
    const context = jobContext(desk.store.path);
    const progress = context.progress;
    // The report's place becomes a folder meanwhile: the file cannot be put there.
    context.progress = (p) => {
      progress(p);
      if (p.phase === 'report') mkdirSync(reportPath);
    };
    const before = storeState(desk.store.db);
    const preview = corrections(reportPath, { dryRun: true }, context);
    expect(preview).toMatchObject({ dryRun: true, written: false, rejected: 10, reportPath: null });
    expect(preview.reportWarning).toContain(reportPath);
    expect(preview.reportWarning).toMatch(/Nada foi gravado/);
    expect(storeState(desk.store.db)).toEqual(before);
    expect(readdirSync(folder)).toEqual(['erros.xlsx']);
  });

  it('is no warning when the report is saved', () => {
    const summary = corrections(files.file('erros.xlsx'));
    expect(summary).toMatchObject({ written: true, reportPath: files.file('erros.xlsx'), reportWarning: null });
    expect(existsSync(files.file('erros.xlsx'))).toBe(true);
  });
});
