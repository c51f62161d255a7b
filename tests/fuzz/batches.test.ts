// Hostile batch packages: a real package exported by the app, then mutated in its bytes and its
// zip structure; bombs, path traversal and duplicated entries. Checking a package never throws:
// it ends in a verdict whose every problem has a stable code and a Portuguese message.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBatchPackage } from '../../db/batches/package';
import type { VerifyResult } from '../../shared/contract';
import { buildZip } from '../fixtures/imports/zipWriter';
import { exportPackage, openBatchDesk, queueEmailCorrections, type BatchDesk } from '../db/batchFixtures';
import { byteMutationsArb, escapingNames, fc, isPortugueseMessage, mutateBytes, mutateZip, nest42, rssMb, RSS_GROWTH_LIMIT_MB, runCaseAsync, storeDigest, unzipEntries, zipMutationsArb, zipWithBombAt, type Entry } from './generators';
import { hostileRun } from './hostileRun';

const run = hostileRun('pacotes de lote');
const tally = run.tally;
let desk: BatchDesk;
let pkg: Buffer;
let entries: Entry[];
let folder: string;

beforeAll(async () => {
  desk = openBatchDesk();
  queueEmailCorrections(desk, 5);
  const created = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: created.id });
  const exported = await exportPackage(desk, created.id, 'pacotes');
  folder = dirname(exported.path);
  pkg = readFileSync(exported.path);
  entries = unzipEntries(pkg);
});
afterAll(() => {
  desk.cleanup();
});

let count = 0;
/** Checks one package: a verdict with clear problems, nothing thrown, the store and the folder unchanged. */
async function packageCase(bytes: Buffer, label: string, viaJob = false): Promise<VerifyResult> {
  const path = join(folder, `caso-${++count}.zip`);
  writeFileSync(path, bytes);
  const before = storeDigest(desk.store.db);
  const files = readdirSync(folder).length;
  let result: VerifyResult | null = null;
  await runCaseAsync(tally, 'verificação de pacote', label, async () => {
    result = viaJob ? await desk.job<VerifyResult>(desk.handlers['batches:verify']({ path, passphrase: null })) : await verifyBatchPackage(path, null);
  });
  expect(result, 'checking a package never throws').not.toBeNull();
  const verdict = result as unknown as VerifyResult;
  for (const p of verdict.problems) {
    expect(p.code).toMatch(/^[A-Z0-9_]+$/);
    expect(isPortugueseMessage(p.message), p.message).toBe(true);
  }
  expect(storeDigest(desk.store.db)).toBe(before);
  expect(readdirSync(folder).length).toBe(files);
  return verdict;
}

describe('generated and mutated packages', () => {
  it('the untouched package is valid (so the mutations below are what breaks it)', async () => {
    expect((await packageCase(pkg, 'original')).valid).toBe(true);
  });

  it('bytes flipped, cut, inserted, deleted', async () => {
    await fc.assert(
      fc.asyncProperty(byteMutationsArb, fc.boolean(), async (mutations, viaJob) => {
        await packageCase(mutateBytes(pkg, mutations), JSON.stringify(mutations), viaJob);
      }),
      { seed: 60401, numRuns: 300, endOnFailure: true },
    );
  });

  it('entries shuffled, duplicated, dropped, renamed (../, absolute, backslashes, drive letters), filled with junk', async () => {
    await fc.assert(
      fc.asyncProperty(zipMutationsArb, async (mutations) => {
        await packageCase(mutateZip(entries, mutations), JSON.stringify(mutations));
      }),
      { seed: 60402, numRuns: 300, endOnFailure: true },
    );
  });
});

const largest = () => entries.reduce((a, e) => (e.data.length > a.data.length ? e : a));

describe('the classics', () => {
  it('a zip bomb (2 GiB declared, or declared small and overflowing) is refused at once, without expanding it', async () => {
    const target = largest();
    for (const size of [2 ** 31, target.data.length]) {
      const rss = rssMb();
      const started = performance.now();
      const verdict = await packageCase(zipWithBombAt(entries, target.name, size), `bomba ${size}`);
      expect(verdict.valid).toBe(false);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(rssMb() - rss).toBeLessThan(100);
    }
  });

  it('a 42.zip-like nest in place of a payload file is never unpacked', async () => {
    const nest = nest42();
    const target = largest();
    const verdict = await packageCase(mutateZip(entries.map((e) => (e === target ? { name: e.name, data: nest } : e)), []), '42');
    expect(verdict.valid).toBe(false);
  });

  it('path traversal inside the zip (../, absolute, backslashes, drive letters) is refused; nothing is written outside', async () => {
    const root = (entries[0] as Entry).name.split('/')[0] as string;
    for (const name of escapingNames(root)) {
      const verdict = await packageCase(buildZip([...entries, { name, data: 'fora' }]), name);
      expect(verdict.problems.map((p) => p.code), name).toContain('ZIP_UNSAFE_PATH');
    }
    for (const place of [folder, dirname(folder), tmpdir()]) expect(readdirSync(place)).not.toContain('fora.txt');
  });

  it('duplicated zip entries (also differing only in case) are refused', async () => {
    const target = largest();
    for (const extra of [{ name: target.name, data: Buffer.from('{"outro":true}\n') }, { name: target.name.toUpperCase(), data: target.data }]) {
      const verdict = await packageCase(buildZip([...entries, extra]), extra.name);
      expect(verdict.problems.map((p) => p.code)).toContain('ZIP_DUPLICATE_ENTRY');
    }
  });
});

describe('the whole run', () => {
  it('left memory bounded', () => {
    expect(tally.total()).toBeGreaterThan(600);
    expect(rssMb() - run.rssBefore).toBeLessThan(RSS_GROWTH_LIMIT_MB);
  });
});
