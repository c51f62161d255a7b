// An upload sits in the clear in the host's temporary folder (a spreadsheet of CPFs, a backup):
// once no job has used it for a while it goes, not only when the host stops.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runJob, upload } from './hostClient';
import { startTestHost, type TestHost } from './testHost';

const IDLE_MS = 400;
let test: TestHost;

beforeAll(async () => {
  test = await startTestHost('cress-host-idle-', { uploadIdleMs: IDLE_MS });
});

afterAll(async () => {
  await test.close();
});

async function uploaded(name: string): Promise<{ handle: string; path: string }> {
  const answer = await upload(test.host, name, Buffer.from('não é um backup'));
  const { handle } = JSON.parse(answer.body.toString()) as { handle: string };
  const found = (readdirSync(test.host.filesDir, { recursive: true, encoding: 'utf8' }) as string[]).find((entry) => entry.endsWith(name));
  return { handle, path: join(test.host.filesDir, found ?? name) };
}

describe('uploads the browser host keeps', () => {
  it('are removed once their job ended and none used them for a while, and their handle then opens nothing', async () => {
    const { handle, path } = await uploaded('backup-do-pendrive.zip');
    expect((await runJob(test.host, 'backups:verify', { file: handle, passphrase: null })).ok).toBe(true);
    expect(existsSync(path)).toBe(true);
    await vi.waitFor(() => expect(existsSync(path)).toBe(false), { timeout: 20 * IDLE_MS, interval: 50 });
    expect(existsSync(join(path, '..'))).toBe(false);
    expect(await runJob(test.host, 'backups:verify', { file: handle, passphrase: null })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
  });

  it('are kept while a job keeps using them', async () => {
    const { handle, path } = await uploaded('outro.zip');
    const until = Date.now() + 3 * IDLE_MS;
    while (Date.now() < until) {
      expect((await runJob(test.host, 'backups:verify', { file: handle, passphrase: null })).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 4));
    }
    expect(existsSync(path)).toBe(true);
  });
});
