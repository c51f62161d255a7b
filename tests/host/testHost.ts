// A browser host for a test file: a new store in a temporary folder of its own and a stand-in page
// for the interface (the tests speak to the host, not to the built window).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type HostOptions, type RunningHost } from '../../electron/preview/server';
import { openRawStore } from '../rawStore';
import { invoke } from './hostClient';

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

export interface SetUpHost extends TestHost {
  storePath: string;
  /** The desk's backup folder, inside the host's folder. */
  backups: string;
}

/**
 * A test host whose desk is set up as the first run does (CRESS 9ª Região, Ana Souza with `pin`,
 * `demoProfessionals` demo records) and backs up into a folder of its own.
 */
export async function startSetUpHost(prefix: string, { pin, demoProfessionals }: { pin: string; demoProfessionals: number }): Promise<SetUpHost> {
  const running = await startTestHost(prefix);
  const storePath = join(running.dir, 'store.sqlite');
  const backups = join(running.dir, 'backups');
  mkdirSync(backups);
  const setUp = await invoke(running.host, 'settings:setup', { region: 9, operator: 'Ana Souza', pin, demoProfessionals });
  if (!setUp.ok) throw new Error(`settings:setup failed: ${JSON.stringify(setUp)}`);
  // The backup folder is the desk's own setting (the app's folder dialog); here it is set directly.
  const db = openRawStore(storePath);
  db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x') ON CONFLICT (id) DO UPDATE SET folder = excluded.folder").run(backups);
  db.close();
  return { ...running, storePath, backups };
}

/** Bytes of every file in the host's folder of uploads and downloads. */
export function heldBytes(host: RunningHost): number {
  return (readdirSync(host.filesDir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => statSync(join(host.filesDir, name)))
    .filter((found) => found.isFile())
    .reduce((sum, found) => sum + found.size, 0);
}
