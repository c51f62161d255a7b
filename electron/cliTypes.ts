// What a feature's command-line module provides: its options and its commands. electron/cli.ts
// merges them, so each feature keeps its commands in its own file (cliImport.ts, cliBackup.ts, …).
import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import type { Desk } from '../db';
import type { Channel, Input, Output } from '../shared/contract';
import type { ChannelJobResult, JobChannel, JobKind, JobResult } from '../shared/contract/jobKinds';

export type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext {
  /** Positional words after the command's own words (`backup verify FILE` → [FILE]). */
  args: string[];
  values: Record<string, string | boolean | undefined>;
  call: Call;
  desk: Desk;
  io: CliIo;
  json: boolean;
}

export interface CommandOutcome {
  /** Printed as JSON with --json. */
  result: unknown;
  /** Printed otherwise. */
  text: string;
  exit: number;
}

export interface CliModule {
  /** Extra options, in node:util parseArgs form. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Keyed by the command words: 'import', 'backup create', 'batch export'… */
  commands: Record<string, (context: CliContext) => Promise<CommandOutcome>>;
  /** Lines added to the usage text. */
  usage: string;
}

/** Thrown for wrong usage: exit 2 with the usage text. */
export class UsageError extends Error {}

/**
 * 0 done; 1 refused — the input, a store busy past the bounded wait (STORE_BUSY), a full disk
 * (DISK_FULL), no store at the path (STORE_NOT_FOUND; only `init` creates one), a restore while
 * another program has the store open; 2 usage; 3 the store or a file failed an integrity check.
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, integrity: 3 } as const;

/** Waits for a job of `kind` and answers what it answered (checked against its declared result), or throws its error. */
export async function waitForJob<K extends JobKind>(context: CliContext, kind: K, jobId: string): Promise<JobResult<K>> {
  const [{ jobOutcome }, { AppError }] = await Promise.all([import('../shared/contract/jobKinds'), import('../shared/errors')]);
  const outcome = jobOutcome(kind, await context.desk.jobs.wait(jobId));
  if (outcome.ok) return outcome.value;
  throw new AppError(outcome.code, outcome.message, { details: outcome.details });
}

/** Starts the job of `channel` and waits for it (shared/contract/jobKinds.ts). */
export async function runJob<C extends JobChannel>(context: CliContext, channel: C, input: Input<C>): Promise<ChannelJobResult<C>> {
  const { JOB_OF_CHANNEL } = await import('../shared/contract/jobKinds');
  // Every job channel answers `{ jobId }` (jobStartedSchema).
  const { jobId } = (await context.call(channel, input)) as { jobId: string };
  return waitForJob(context, JOB_OF_CHANNEL[channel], jobId);
}

/** A string option's value, or undefined when absent (or given as a flag). */
export function optionText(context: CliContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The passphrase from --passphrase-file: its first line, without the line break. */
export function passphraseFromFile(context: CliContext): string | null {
  const file = optionText(context, 'passphrase-file');
  if (file === undefined) return null;
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read --passphrase-file ${file}`);
  }
  const value = content.replace(/\r?\n$/, '');
  if (value === '') throw new UsageError(`--passphrase-file ${file} is empty`);
  return value;
}
