// The browser host keeps each file it wrote for the page (an export, a report, a lote package)
// until the page downloads it, in the computer's temporary folder. Whoever holds its token could
// ask for export after export and never download one, until that disk is full: past the host's
// budget the oldest waiting files go, so the host never holds much more than the budget, and the
// newest still download.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, savePath } from './hostClient';
import type { RunningHost } from '../../electron/preview/server';
import { heldBytes, startTestHost, type TestHost } from './testHost';

const MB = 1024 * 1024;
let running: TestHost;
let host: RunningHost;

beforeAll(async () => {
  running = await startTestHost('cress-host-downloads-', { maxHeld: 5 * MB });
  host = running.host;
});

afterAll(() => running.close());

/** A save place, and the file a job writes there (as an export would), `size` bytes. */
async function exported(name: string, size: number): Promise<string> {
  const before = new Set(readdirSync(host.filesDir));
  const { handle, name: fileName } = await savePath(host, name);
  const folder = readdirSync(host.filesDir).find((entry) => !before.has(entry));
  expect(folder, 'a new folder for the save place').toBeDefined();
  writeFileSync(join(host.filesDir, folder as string, fileName), Buffer.alloc(size, 0x41));
  return handle;
}

describe('files written for the page and never downloaded', () => {
  it('past the host’s budget, the oldest go: the host holds about its budget, and the newest still downloads', async () => {
    const handles: string[] = [];
    for (let i = 0; i < 10; i++) {
      handles.push(await exported(`cadastro-${i}.csv`, 1.5 * MB));
      // At most the budget, plus the newest, which is never let go.
      expect(heldBytes(host)).toBeLessThanOrEqual(5 * MB + 1.5 * MB);
    }
    expect((await download(host, { handle: handles[0] })).status).toBe(404);
    const newest = await download(host, { handle: handles[9] });
    expect(newest.status).toBe(200);
    expect(newest.body.length).toBe(1.5 * MB);
  }, 60_000);

  it('a file downloaded no longer counts: the next ones are kept', async () => {
    const first = await exported('auditoria-1.xlsx', 2 * MB);
    expect((await download(host, { handle: first })).status).toBe(200);
    const second = await exported('auditoria-2.xlsx', 2 * MB);
    const third = await exported('auditoria-3.xlsx', 2 * MB);
    expect((await download(host, { handle: second })).status).toBe(200);
    expect((await download(host, { handle: third })).status).toBe(200);
  }, 60_000);
});
