// Hostile backup files: a real backup made by the app, then mutated in its bytes and its zip
// structure; bombs, nests and path traversal. Verifying ends in a verdict with Portuguese
// problems or a clear error; a refused restore leaves the store, and its folder, as they were.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPrepared } from '../../db/backups/restore';
import type { BackupVerification, RestorePrepared } from '../../shared/contract/backups';
import { buildZip } from '../fixtures/imports/zipWriter';
import { openBackupDesk, setUpDesk, type BackupDesk } from '../db/backups/fixtures';
import { byteMutationsArb, escapingNames, fc, isPortugueseMessage, mutateBytes, mutateZip, nest42, rssMb, RSS_GROWTH_LIMIT_MB, runCaseAsync, storeDigest, unzipEntries, zipMutationsArb, zipWithBombAt, type Entry } from './generators';
import { hostileRun } from './hostileRun';

const run = hostileRun('backups');
const tally = run.tally;
let b: BackupDesk;
let backup: Buffer;
let entries: Entry[];

beforeAll(async () => {
  b = openBackupDesk();
  await setUpDesk(b, { professionals: 15 });
  const created = await b.create();
  backup = readFileSync(created.file);
  entries = unzipEntries(backup);
});
afterAll(() => {
  b.cleanup();
});

/** Files beside the store: a refused restore or verify leaves no copy behind. */
const storeFolder = () => readdirSync(dirname(b.storePath)).filter((f) => !f.startsWith('caso-')).sort();

let count = 0;
/** Verifies (or prepares the restore of) one file; checks the verdict and that nothing was left behind. */
async function backupCase(reader: 'verificação' | 'restauração', bytes: Buffer, label: string): Promise<void> {
  const file = join(dirname(b.storePath), `caso-${++count}.zip`);
  writeFileSync(file, bytes);
  const before = storeDigest(b.desk.store.db);
  const folder = storeFolder();
  const channel = reader === 'verificação' ? 'backups:verify' : 'backups:restorePrepare';
  const verdict = await runCaseAsync(tally, reader, label, async () => {
    const outcome = await b.job<BackupVerification | RestorePrepared>(channel, { file, passphrase: null });
    if (!outcome.ok) throw outcome.error;
    if ('problems' in outcome.value) for (const p of outcome.value.problems) expect(isPortugueseMessage(p.message), p.message).toBe(true);
    if ('preparedPath' in outcome.value) discardPrepared(b.storePath, outcome.value.preparedPath);
  });
  if (verdict === 'error' || reader === 'restauração') expect(storeDigest(b.desk.store.db)).toBe(before);
  expect(storeFolder()).toEqual(folder);
}

describe('generated and mutated backups', () => {
  it('bytes flipped, cut, inserted, deleted', async () => {
    await fc.assert(
      fc.asyncProperty(byteMutationsArb, fc.boolean(), async (mutations, restore) => {
        await backupCase(restore ? 'restauração' : 'verificação', mutateBytes(backup, mutations), JSON.stringify(mutations));
      }),
      { seed: 60301, numRuns: 300, endOnFailure: true },
    );
  });

  it('entries shuffled, duplicated, dropped, renamed (../, absolute, backslashes, drive letters), filled with junk', async () => {
    await fc.assert(
      fc.asyncProperty(zipMutationsArb, fc.boolean(), async (mutations, restore) => {
        await backupCase(restore ? 'restauração' : 'verificação', mutateZip(entries, mutations), JSON.stringify(mutations));
      }),
      { seed: 60302, numRuns: 300, endOnFailure: true },
    );
  });
});

/** What verifying a file answers, and how long it took. */
async function verify(bytes: Buffer): Promise<{ problems: string[]; ms: number; rssGrowthMb: number }> {
  const rss = rssMb();
  const started = performance.now();
  const file = join(dirname(b.storePath), `caso-${++count}.zip`);
  writeFileSync(file, bytes);
  const outcome = await b.job<BackupVerification>('backups:verify', { file, passphrase: null });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  expect(outcome.value.valid).toBe(false);
  tally.add('clássicos', 'result', performance.now() - started);
  return { problems: outcome.value.problems.map((p) => p.code), ms: performance.now() - started, rssGrowthMb: rssMb() - rss };
}

const root = () => (entries[0] as Entry).name.split('/')[0] as string;
const database = () => entries.find((e) => e.name.endsWith('.sqlite')) as Entry;

describe('the classics', () => {
  it('a zip bomb in place of the database (2 GiB declared, or declared small and overflowing) is refused at once', async () => {
    for (const size of [2 ** 31, database().data.length]) {
      const bomb = zipWithBombAt(entries, database().name, size);
      const result = await verify(bomb);
      expect(result.problems.length).toBeGreaterThan(0);
      expect(result.ms).toBeLessThan(1000);
      expect(result.rssGrowthMb).toBeLessThan(100);
    }
  });

  it('a 42.zip-like nest in place of the database is never unpacked', async () => {
    const nest = nest42();
    const result = await verify(mutateZip(entries.map((e) => (e === database() ? { name: e.name, data: nest } : e)), []));
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.ms).toBeLessThan(2000);
  });

  it('path traversal inside the zip (../, absolute, backslashes, drive letters) is refused; nothing is written outside', async () => {
    for (const name of escapingNames(root())) {
      const hostile = buildZip([...entries.map((e) => ({ name: e.name, data: e.data })), { name, data: 'fora' }]);
      const result = await verify(hostile);
      expect(result.problems, name).toContain('ZIP_UNSAFE_PATH');
      await backupCase('restauração', hostile, name);
    }
    const around = [dirname(b.storePath), dirname(dirname(b.storePath)), tmpdir()];
    for (const folder of around) expect(readdirSync(folder)).not.toContain('fora.txt');
  });

  it('duplicated zip entries (also differing only in case) are refused', async () => {
    const db = database();
    for (const extra of [{ name: db.name, data: Buffer.from('outro banco') }, { name: db.name.toUpperCase(), data: db.data }]) {
      const result = await verify(buildZip([...entries, extra]));
      expect(result.problems).toContain('ZIP_DUPLICATE_ENTRY');
    }
  });
});

describe('the whole run', () => {
  it('left memory bounded', () => {
    expect(tally.total()).toBeGreaterThan(600);
    expect(rssMb() - run.rssBefore).toBeLessThan(RSS_GROWTH_LIMIT_MB);
  });
});
