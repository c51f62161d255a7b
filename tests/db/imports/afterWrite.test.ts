// What an import does after its rows are written — checking the registry's pendências again after
// a load, or the records a corrections import changed — can fail on its own (a disk that filled up
// meanwhile). The import is then written all the same, and says so: never "Erro interno… Nada foi
// gravado", and the check is left to the next open of the store, which does it whole.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshAfterImport } from '../../../db/pendencies';
import { rescanRegistry } from '../../../db/pendencyScan';
import { deskWithPeopleForEachTest } from '../../fixtures/imports/people';
import { fixture, importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import type { TestDesk } from '../fixtures';

vi.mock('../../../db/pendencyScan', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../db/pendencyScan')>();
  return { ...actual, rescanRegistry: vi.fn(actual.rescanRegistry) };
});
vi.mock('../../../db/pendencies', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../db/pendencies')>();
  return { ...actual, refreshAfterImport: vi.fn(actual.refreshAfterImport) };
});

let desk: TestDesk;
deskWithPeopleForEachTest((fresh) => ({ desk } = fresh));
beforeEach(() => vi.clearAllMocks());

const diskFull = () => {
  throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
};
const scanQueued = () => desk.store.db.prepare("SELECT done_at FROM store_tasks WHERE name = 'pendencies_scan'").pluck().get();
const imports = () => desk.store.db.prepare('SELECT count(*) FROM imports').pluck().get();

describe('a check after the import was written fails', () => {
  it('a registry load: written, with a warning that the pendências will be checked at the next open', () => {
    vi.mocked(rescanRegistry).mockImplementationOnce(diskFull);
    const summary = runImport(importInput(fixture('registry.csv'), { kind: 'registry', force: true }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true });
    expect(summary.importId).not.toBeNull();
    expect(summary.checksWarning).toMatch(new RegExp(`A importação nº ${summary.importId} foi gravada, mas a conferência das pendências não terminou \\(disco cheio\\)`));
    expect(summary.checksWarning).not.toMatch(/Nada foi gravado/);
    expect(imports()).toBe(1);
    expect(scanQueued()).toBeNull();
  });

  it('a corrections import: written, with the same warning', () => {
    vi.mocked(refreshAfterImport).mockImplementationOnce(diskFull);
    const summary = runImport(importInput(fixture('corrections.csv'), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary.written).toBe(true);
    expect(summary.corrections).toBeGreaterThan(0);
    expect(summary.checksWarning).toMatch(/foi gravada, mas a conferência das pendências não terminou/);
    expect(scanQueued()).toBeNull();
  });

  it('when the checks pass there is no warning, and nothing is left for the next open', () => {
    const summary = runImport(importInput(fixture('registry.csv'), { kind: 'registry', force: true }), jobContext(desk.store.path));
    expect(summary.checksWarning).toBeNull();
    expect(scanQueued()).not.toBeNull();
  });
});
