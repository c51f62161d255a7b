// A desk with a clock the tests move, a backup folder of its own, and helpers to run backup jobs.
import { mkdirSync, readdirSync } from 'node:fs';
import { afterEach } from 'vitest';
import { openDesk, type Desk } from '../../../db';
import type { Channel, Envelope, Input, Output } from '../../../shared/contract';
import type { BackupCreated, BackupVerification, RestorePrepared } from '../../../shared/contract/backups';
import type { AppErrorData } from '../../../shared/errors';
import { addProfessional, tempDir, type TempDir } from '../fixtures';

export interface BackupDesk {
  desk: Desk;
  dir: TempDir;
  storePath: string;
  folder: string;
  setNow(iso: string): void;
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  fail<C extends Channel>(channel: C, input: Input<C>): Promise<AppErrorData>;
  /** Runs a job channel to its end: the job's result, or its error. */
  job<T>(channel: Channel, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: AppErrorData }>;
  create(input?: { passphrase?: string | null; folder?: string | null }): Promise<BackupCreated>;
  verify(file: string, passphrase?: string | null): Promise<BackupVerification>;
  prepare(file: string, passphrase?: string | null): Promise<{ jobId: string; prepared: RestorePrepared }>;
  cleanup(): void;
}

export function openBackupDesk(): BackupDesk {
  const dir = tempDir();
  const storePath = dir.file('store.sqlite');
  const folder = dir.file('backups');
  mkdirSync(folder);
  let now = new Date('2026-11-24T18:30:00.000Z');
  const desk = openDesk({ path: storePath, appVersion: '0.0.0-test', now: () => now, create: true });

  const call = async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const envelope = (await desk.dispatch(channel, input)) as Envelope<Output<C>>;
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value;
  };
  const fail = async <C extends Channel>(channel: C, input: Input<C>): Promise<AppErrorData> => {
    const envelope = (await desk.dispatch(channel, input)) as Envelope<Output<C>>;
    if (envelope.ok) throw new Error(`${channel} succeeded`);
    return envelope.error;
  };
  const job = async <T,>(channel: Channel, input: unknown) => {
    const started = (await desk.dispatch(channel, input as never)) as Envelope<{ jobId: string }>;
    if (!started.ok) return { ok: false as const, error: started.error };
    const status = await desk.jobs.wait(started.value.jobId);
    if (status.state === 'done') return { ok: true as const, value: status.result as T };
    return { ok: false as const, error: status.error as AppErrorData };
  };
  const unwrap = <T,>(outcome: { ok: true; value: T } | { ok: false; error: AppErrorData }): T => {
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.value;
  };

  const backupDesk: BackupDesk = {
    desk,
    dir,
    storePath,
    folder,
    setNow: (iso) => {
      now = new Date(iso);
    },
    call,
    fail,
    job,
    create: async (input = {}) => unwrap(await job<BackupCreated>('backups:create', { passphrase: null, ...input })),
    verify: async (file, passphrase = null) => unwrap(await job<BackupVerification>('backups:verify', { file, passphrase })),
    prepare: async (file, passphrase = null) => {
      const started = await call('backups:restorePrepare', { file, passphrase });
      const status = await desk.jobs.wait(started.jobId);
      if (status.state !== 'done') throw new Error(`${status.error?.code}: ${status.error?.message}`);
      return { jobId: started.jobId, prepared: status.result as RestorePrepared };
    },
    cleanup: () => {
      desk.close();
      dir.cleanup();
    },
  };
  return backupDesk;
}

/** Sets the desk up and fills it a little, with the backup folder chosen. */
export async function setUpDesk(b: BackupDesk, options: { region?: number; professionals?: number } = {}): Promise<void> {
  await b.call('settings:setup', { region: options.region ?? 9, operator: 'Ana Paula' });
  await b.call('backups:updateSettings', { folder: b.folder });
  for (let i = 0; i < (options.professionals ?? 20); i++) addProfessional(b.desk.store, { name: `Profissional ${i}` });
}

/**
 * The backup desks of a file's tests, each removed after its test: `open()` one as it comes (not set
 * up), or `setUp(options)` one set up and filled as `setUpDesk` does.
 */
export function backupDesksForEachTest(): { open(): BackupDesk; setUp(options?: Parameters<typeof setUpDesk>[1]): Promise<BackupDesk> } {
  const opened: BackupDesk[] = [];
  afterEach(() => {
    for (const b of opened.splice(0)) b.cleanup();
  });
  const open = () => {
    const b = openBackupDesk();
    opened.push(b);
    return b;
  };
  return {
    open,
    setUp: async (options) => {
      const b = open();
      await setUpDesk(b, options);
      return b;
    },
  };
}

/** Files in a folder, hidden ones included. */
export function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}

export function countRows(b: BackupDesk, table: string): number {
  return b.desk.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

