// Only the programs that keep the store open all day — the app and the browser host — look every
// few seconds for an import another program was killed writing (db/abandonedImports.ts). A
// command of the command line holds its store for moments: the next open rolls such an import
// back, and it starts no such timer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recoverWhileOpen } from '../../db/abandonedImports';
import { runCli } from '../../electron/cli/program';
import { addProfessional, testDeskForEachTest, validCpf, type TestDesk } from '../db/fixtures';
import { startTestHost } from './testHost';

vi.mock('../../db/abandonedImports', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../db/abandonedImports')>();
  return { ...original, recoverWhileOpen: vi.fn(original.recoverWhileOpen) };
});

let desk: TestDesk;
testDeskForEachTest((fresh) => {
  desk = fresh;
  addProfessional(desk.store, { cpf: validCpf(500_000_001), registrationNumber: '70001' });
});
beforeEach(() => vi.mocked(recoverWhileOpen).mockClear());

describe('looking for imports killed while the store is open', () => {
  it('is not started by a command of the command line', async () => {
    const out: string[] = [];
    const code = await runCli(['--db', desk.store.path, 'registry', 'show', '70001'], { out: (text) => out.push(text), err: (text) => out.push(text) });
    expect(code, out.join('\n')).toBe(0);
    expect(out.join('\n')).toContain('70001');
    expect(recoverWhileOpen).not.toHaveBeenCalled();
  });

  it('is started by the browser host, which keeps the store open', async () => {
    const host = await startTestHost('cress-host-look-');
    try {
      expect(recoverWhileOpen).toHaveBeenCalledTimes(1);
    } finally {
      await host.close();
    }
  });
});
