// What a command group's module provides: a function that registers its commands, each with its
// own options and arguments, on the program electron/cli/program.ts builds — so each group keeps its
// commands in its own file (setup.ts, import.ts, backup.ts, …).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { formatCount } from '../../shared/display/numbers';
import type { Desk } from '../../db';
import type { Channel, Input, Output } from '../../shared/contract';
import type { ChannelJobResult, JobChannel, JobKind, JobResult } from '../../shared/contract/jobKinds';
import { earlierPassphraseReading, readPassphraseFile } from './passphraseFile';

export type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext {
  /** The command's arguments as given (`backup verify FILE` → [FILE]). */
  args: string[];
  /** The command's own options, by their camel-case name (`--passphrase-file` → passphraseFile). */
  values: Record<string, unknown>;
  call: Call;
  /** The store, opened on first use. */
  readonly desk: Desk;
  io: CliIo;
  json: boolean;
  /** The environment the command runs in (PIN files). */
  env: NodeJS.ProcessEnv;
}

export interface CommandOutcome {
  /** Printed as JSON with --json. */
  result: unknown;
  /** Printed otherwise. */
  text: string;
  exit: number;
}

/** What a command does once its words and options are parsed. */
export type Handler = (context: CliContext) => Promise<CommandOutcome>;

/** Turns a handler into the command's action (electron/cli/program.ts gives it the store and the output). */
export type ActionOf = (handler: Handler) => (...args: unknown[]) => Promise<void>;

/** Registers a group's commands on the program. */
export type CliModule = (program: Command, action: ActionOf) => void;

/** The group command `name` (`registry`, `batch`…), created on first use: several modules add to one group. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description).helpCommand(false);
}

/** Adds a command with its description to the group: `command(name, description)`. */
export function commandsOf(group: Command): (name: string, description: string) => Command {
  return (name, description) => group.command(name).description(description);
}

/** `--passphrase-file`, read by passphraseFromFile. */
export const PASSPHRASE_OPTION = ['--passphrase-file <f>', 'the passphrase: the first line of this file'] as const;

/** `--reason`, recorded in the audit trail with what the command does. */
export const REASON_OPTION = ['--reason <r>', 'why (recorded in the audit trail)'] as const;

/** `--page` of a listing, read with pageOf: counted from 1, as the listing prints it. */
export const PAGE_OPTION = ['--page <n>', 'the page of results, from 1 (as the listing prints it)'] as const;

/** Thrown for wrong usage: exit 2 with the command's help. */
export class UsageError extends Error {}

/** Digits of a whole number the store can hold (at most 2^53 − 1). */
export function isWholeNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\d+$/.test(value) && Number.isSafeInteger(Number(value));
}

/** A whole-number option's value, or undefined when absent. `label`: how the help names it, when it is an argument (ATTACHMENT). */
export function wholeNumber(value: unknown, name: string, label = `--${name}`): number | undefined {
  if (value === undefined) return undefined;
  if (!isWholeNumber(value)) throw new UsageError(`${label} must be a whole number${typeof value === 'string' && /^\d+$/.test(value) ? ' (this one is too large)' : ''}`);
  return Number(value);
}

/** `--page N` (from 1, as printed) as the contract's page (from 0); the first page when absent. */
export function pageOf(context: { values: Record<string, unknown> }): number {
  const page = wholeNumber(context.values.page, 'page');
  if (page === 0) throw new UsageError('--page counts from 1, as the listing prints it');
  return page === undefined ? 0 : page - 1;
}

/** "page 2 of 7", as `--page` takes it. */
export function pageLine(result: { page: number; pageSize: number; total: number }): string {
  return `page ${formatCount(result.page + 1)} of ${formatCount(Math.max(1, Math.ceil(result.total / result.pageSize)))}`;
}

/**
 * A whole number the store takes only within a range: out of it, refused (exit 1) naming the option
 * and the range, before anything is looked up — not by the contract's inner field name.
 */
export function wholeNumberIn(value: unknown, name: string, min: number, max: number): number | undefined {
  // Digits past what a number holds, and a negative number, are out of the range too, said as typed.
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : wholeNumber(value, name);
  if (number !== undefined && (number < min || number > max)) throw new AppError('INPUT_INVALID', `--${name}: informe um número inteiro de ${formatCount(min)} a ${formatCount(max)} (recebido: ${value as string}).`);
  return number;
}

/**
 * 0 done; 1 refused — the input, a store busy past the bounded wait (STORE_BUSY), a full disk
 * (DISK_FULL) or one that refused a write otherwise (DISK_WRITE_REFUSED: never 3, the store is
 * not damaged), a store or folder this user may not write (STORE_READ_ONLY), no store at the path
 * (STORE_NOT_FOUND; only `init` creates one), a restore while
 * another program has the store open; 2 usage; 3 the store or a file failed an integrity check.
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, integrity: 3 } as const;

/** Waits for a job of `kind` and answers what it answered (checked against its declared result), or throws its error. */
export async function waitForJob<K extends JobKind>(context: CliContext, kind: K, jobId: string): Promise<JobResult<K>> {
  const [{ jobOutcome }, { AppError }] = await Promise.all([import('../../shared/contract/jobKinds'), import('../../shared/errors')]);
  const outcome = jobOutcome(kind, await context.desk.jobs.wait(jobId));
  if (outcome.ok) return outcome.value;
  throw new AppError(outcome.code, outcome.message, { details: outcome.details });
}

/** Starts the job of `channel` and waits for it (shared/contract/jobKinds.ts). */
export async function runJob<C extends JobChannel>(context: CliContext, channel: C, input: Input<C>): Promise<ChannelJobResult<C>> {
  const { JOB_OF_CHANNEL } = await import('../../shared/contract/jobKinds');
  // Typed as every job channel's answer: it compiles only while each of them answers `{ jobId }`.
  const started: Output<JobChannel> = await context.call(channel, input);
  return waitForJob(context, JOB_OF_CHANNEL[channel], started.jobId);
}

/** A string option's value, or undefined when absent (or given as a flag). */
export function optionText(context: CliContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The absolute path of a file or folder to write, from `--out` (or the option `name`), or
 * undefined when the option is absent. An empty one is wrong usage: it would name the folder the
 * command runs in, and the file would land there.
 */
export function outputPath(context: CliContext, name = 'out'): string | undefined {
  const value = optionText(context, name);
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`--${name} must not be empty: name the ${name === 'out' ? 'file or folder to write' : 'file to write'}`);
  return resolve(value);
}

/** outputPath for a command that cannot do without it: `what` says what --out names (FILE, DIR, FILE.xlsx…). */
export function requiredOutputPath(context: CliContext, what: string): string {
  const path = outputPath(context);
  if (path === undefined) throw new UsageError(`missing --out ${what}`);
  return path;
}

/** The passphrase from --passphrase-file: its first line (./passphraseFile.ts); refused, as a PIN file is, when other accounts may read it. */
export function passphraseFromFile(context: CliContext): string | null {
  const file = optionText(context, 'passphraseFile');
  if (file === undefined) return null;
  if (file.trim() === '') throw new UsageError('--passphrase-file sem caminho: informe o arquivo que guarda a senha');
  return readPassphraseFile(file);
}

/** What says a passphrase did not open a backup or a package: thrown, or among a verification's problems. */
const WRONG_PASSPHRASE = new Set(['BACKUP_PASSPHRASE_WRONG', 'ZIP_PASSWORD_WRONG']);

/**
 * Opens something encrypted with --passphrase-file's passphrase; when it is refused as the wrong
 * one, once more with the passphrase as earlier versions read that file (./passphraseFile.ts), so
 * what they encrypted with a Notepad file still opens with it.
 */
export async function withFilePassphrase<T>(context: CliContext, open: (passphrase: string | null) => Promise<T>): Promise<T> {
  const file = optionText(context, 'passphraseFile');
  if (file === undefined) {
    const result = await open(null).catch((error: unknown) => Promise.reject(namingThePassphraseFile(error)));
    return problemsNamingThePassphraseFile(result);
  }
  return withPassphraseOf(file, passphraseFromFile(context), open);
}

/** What says a file is encrypted and no passphrase was given. */
const PASSPHRASE_MISSING = new Set(['BACKUP_PASSPHRASE_REQUIRED', 'ZIP_PASSWORD_REQUIRED']);

/** "Give the passphrase" said the command line's way: the window asks for it, the command takes a file. */
const GIVE_THE_PASSPHRASE = 'Give it with --passphrase-file FILE (the passphrase on its first line; chmod 600).';

function namingThePassphraseFile(error: unknown): unknown {
  if (!(error instanceof AppError && PASSPHRASE_MISSING.has(error.code))) return error;
  return new AppError(error.code, `${error.message} ${GIVE_THE_PASSPHRASE}`, { field: error.field, details: error.details });
}

/** The same, in a verification's problems. */
function problemsNamingThePassphraseFile<T>(result: T): T {
  const problems = (result as { problems?: { code: string; message: string }[] }).problems;
  if (!problems?.some((p) => PASSPHRASE_MISSING.has(p.code))) return result;
  return { ...result, problems: problems.map((p) => (PASSPHRASE_MISSING.has(p.code) ? { ...p, message: `${p.message} ${GIVE_THE_PASSPHRASE}` } : p)) };
}

async function withPassphraseOf<T>(file: string, passphrase: string | null, open: (passphrase: string | null) => Promise<T>): Promise<T> {
  const earlier = passphrase === null ? null : earlierPassphraseReading(file, passphrase);
  const wrongIn = (result: T) => ((result as { problems?: { code: string }[] }).problems ?? []).some((p) => WRONG_PASSPHRASE.has(p.code));
  let result: T;
  try {
    result = await open(passphrase);
  } catch (error) {
    if (earlier === null || !(error instanceof AppError && WRONG_PASSPHRASE.has(error.code))) throw error;
    return open(earlier).catch(() => Promise.reject(error));
  }
  if (earlier === null || !wrongIn(result)) return result;
  const again = await open(earlier).catch(() => result);
  return wrongIn(again) ? result : again;
}
