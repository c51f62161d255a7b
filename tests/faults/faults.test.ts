// SIGKILL at random moments during each write the desk makes; prints a table of what survived.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acknowledgementWithDip } from './ackDip.fault';
import { batchSeal } from './batchSeal.fault';
import { manualCorrection } from './correction.fault';
import { demoGeneration } from './demo.fault';
import { plainStoreEncrypted } from './encryption.fault';
import { acknowledgement, backupCreate, backupRestore, batchExport } from './files.fault';
import { correctionsImport, correctionsImportWrittenWhileRead, registryImport, registryMerge } from './imports.fault';
import { faultTable, runFaultCase, type FaultCase, type FaultRow } from './harness';
import { correctionOnFullDisk, fullDiskPossible, restoreWhileWriting } from './store.fault';

const CASES: FaultCase[] = [
  manualCorrection,
  correctionsImport,
  correctionsImportWrittenWhileRead,
  registryImport,
  registryMerge,
  backupCreate,
  backupRestore,
  restoreWhileWriting,
  batchSeal,
  batchExport,
  acknowledgement,
  acknowledgementWithDip,
  plainStoreEncrypted,
  demoGeneration,
];
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

  it(`${correctionOnFullDisk.operation}: refused, the store stays sound and unchanged`, async (context) => {
    const probe = mkdtempSync(join(tmpdir(), 'cress-fault-mount-'));
    const possible = fullDiskPossible(join(probe, 'disk'));
    rmSync(probe, { recursive: true, force: true });
    context.skip(!possible, 'mount namespaces (unshare -m) are not allowed here: no small disk to fill.');
    const row = await runFaultCase(correctionOnFullDisk);
    rows.push(row);
    expect(row.partial).toEqual([]);
    expect(row.intact).toBe(row.kills);
    expect(row.none).toBe(row.kills);
  }, 180_000);
});
