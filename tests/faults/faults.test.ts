// SIGKILL at random moments during each write the desk makes; prints a table of what survived.
import { afterAll, describe, expect, it } from 'vitest';
import { acknowledgementWithDip } from './ackDip.fault';
import { manualCorrection } from './correction.fault';
import { acknowledgement, backupCreate, backupRestore, batchExport } from './files.fault';
import { correctionsImport, registryImport, registryMerge } from './imports.fault';
import { faultTable, runFaultCase, type FaultCase, type FaultRow } from './harness';

const CASES: FaultCase[] = [manualCorrection, correctionsImport, registryImport, registryMerge, backupCreate, backupRestore, batchExport, acknowledgement, acknowledgementWithDip];
const rows: FaultRow[] = [];

afterAll(() => {
  console.log(`\nFalhas provocadas (SIGKILL em momentos aleatórios):\n${faultTable(rows)}\n`);
});

describe('killed at random moments', () => {
  for (const c of CASES) {
    it(`${c.operation}: the store stays sound and the operation is all or nothing`, async () => {
      const row = await runFaultCase(c);
      rows.push(row);
      expect(row.partial).toEqual([]);
      expect(row.intact).toBe(row.kills);
      expect(row.whole + row.none).toBe(row.kills);
    }, 180_000);
  }
});
