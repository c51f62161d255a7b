// A browser host for a test file: a new store in a temporary folder of its own and a stand-in page
// for the interface (the tests speak to the host, not to the built window).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type HostOptions, type RunningHost } from '../../electron/preview/server';

export interface TestHost {
  dir: string;
  host: RunningHost;
  /** Stops the host and removes its folder. */
  close(): Promise<void>;
}

export async function startTestHost(prefix: string, options: Partial<Omit<HostOptions, 'storePath' | 'rendererDir'>> = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>CRESS Desk</title>');
  const host = await startHost({ storePath: join(dir, 'store.sqlite'), rendererDir: join(dir, 'renderer'), ...options });
  return {
    dir,
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bytes of every file in the host's folder of uploads and downloads. */
export function heldBytes(host: RunningHost): number {
  return (readdirSync(host.filesDir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => statSync(join(host.filesDir, name)))
    .filter((found) => found.isFile())
    .reduce((sum, found) => sum + found.size, 0);
}
