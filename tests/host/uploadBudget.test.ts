// The browser host keeps each upload until the page is done with it, in the computer's temporary
// folder. Whoever holds its token could upload without end until that disk is full (and the
// store's with it, when they share one): past the host's budget the oldest uploads go, so the
// host never holds more than the budget, and the newest still read.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, runJob, upload } from './hostClient';
import { startHost, type RunningHost } from '../../electron/preview/server';

const MB = 1024 * 1024;
let dir: string;
let host: RunningHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cress-host-budget-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>CRESS Desk</title>');
  host = await startHost({ storePath: join(dir, 'store.sqlite'), rendererDir: join(dir, 'renderer'), maxUpload: 2 * MB, maxHeld: 5 * MB });
  expect(await invoke(host, 'settings:setup', { region: 9, operator: 'Ana Souza', pin: '4321' })).toMatchObject({ ok: true });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Bytes of every file in the host's folder. */
function held(): number {
  return (readdirSync(host.filesDir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => statSync(join(host.filesDir, name)))
    .filter((found) => found.isFile())
    .reduce((sum, found) => sum + found.size, 0);
}

/** A CSV of corrections padded to about `size` bytes. */
function csv(size: number): Buffer {
  const head = 'CPF;E-mail\n123.456.789-09;ana@exemplo.com.br\n';
  return Buffer.from(head + ';\n'.repeat(Math.floor((size - head.length) / 2)));
}

describe('uploads past the host’s budget', () => {
  it('let the oldest go: the host never holds more than its budget, and the newest upload still reads', async () => {
    const handles: string[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await upload(host, `correcoes-${i}.csv`, csv(1.5 * MB));
      expect(answer.status, answer.body.toString()).toBe(200);
      handles.push((JSON.parse(answer.body.toString()) as { handle: string }).handle);
      expect(held()).toBeLessThanOrEqual(5 * MB);
    }
    expect(await runJob(host, 'imports:inspect', { path: handles[0], name: 'correcoes-0.csv' })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect(await runJob(host, 'imports:inspect', { path: handles[7], name: 'correcoes-7.csv' })).toMatchObject({ ok: true });
  }, 60_000);
});
