// A registry load as the council's main system sends it, for the tests of registry imports: the
// header, then the rows, written as a CSV file of the desk's and imported at once.
import type { ImportSummary } from '../../../shared/contract/imports';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { csvFile, type TestDesk } from '../fixtures';

export type RegistryLoad = (rows: string[], options?: { dryRun?: boolean }) => ImportSummary;

/** Loads rows under `header` into the desk `desk()` gives (each test's own), one new file per load. */
export function registryLoader(desk: () => TestDesk, header: string): RegistryLoad {
  let loads = 0;
  return (rows, options = {}) => {
    const current = desk();
    const path = csvFile(current, `cadastro-${++loads}.csv`, [header, ...rows]);
    return runImport(importInput(path, { kind: 'registry', force: true, ...options }), jobContext(current.store.path));
  };
}
