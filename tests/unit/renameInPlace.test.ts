// A finished file is put in place even while Windows' antivirus holds it for a scan (EPERM for a
// moment); anywhere else, and for any other error, the rename's failure is given at once.
import { describe, expect, it } from 'vitest';
import { RENAME_RETRY_MS, renameInPlace, renameInPlaceSync, type RenameDeps } from '../../db/renameInPlace';

function failing(codes: string[], platform: NodeJS.Platform = 'win32') {
  let clock = 0;
  const calls: string[] = [];
  const attempt = () => {
    calls.push('rename');
    const code = codes.shift();
    if (code) throw Object.assign(new Error(`${code}: operation not permitted`), { code });
  };
  const deps: RenameDeps = {
    platform,
    now: () => clock,
    renameSync: attempt,
    rename: async () => attempt(),
    sleepSync: (ms) => void (clock += ms),
    sleep: async (ms) => void (clock += ms),
  };
  return { deps, calls, elapsed: () => clock };
}

describe('putting a finished file in place', () => {
  it('on Windows, waits out an antivirus holding the file for a moment', async () => {
    const sync = failing(['EPERM', 'EBUSY', 'EACCES']);
    renameInPlaceSync('a.partial', 'a.zip', sync.deps);
    expect(sync.calls).toHaveLength(4);
    const later = failing(['EPERM', 'EPERM']);
    await renameInPlace('a.partial', 'a.zip', later.deps);
    expect(later.calls).toHaveLength(3);
  });

  it('gives the error once the file stays held for longer than the bound', async () => {
    const held = failing(Array.from({ length: 10_000 }, () => 'EPERM'));
    expect(() => renameInPlaceSync('a.partial', 'a.zip', held.deps)).toThrow(/EPERM/);
    expect(held.elapsed()).toBeGreaterThanOrEqual(RENAME_RETRY_MS);
    expect(held.elapsed()).toBeLessThan(RENAME_RETRY_MS + 1000);
    const later = failing(Array.from({ length: 10_000 }, () => 'EBUSY'));
    await expect(renameInPlace('a.partial', 'a.zip', later.deps)).rejects.toThrow(/EBUSY/);
  });

  it('does not try again for an error that will not pass (a full disk, a missing folder), nor off Windows', async () => {
    const full = failing(['ENOSPC']);
    expect(() => renameInPlaceSync('a.partial', 'a.zip', full.deps)).toThrow(/ENOSPC/);
    expect(full.calls).toHaveLength(1);
    const linux = failing(['EPERM'], 'linux');
    await expect(renameInPlace('a.partial', 'a.zip', linux.deps)).rejects.toThrow(/EPERM/);
    expect(linux.calls).toHaveLength(1);
  });
});
