// The app's log file, for the council's IT person: what ran, how long, how it ended. Never the
// data (LGPD): a line holds a level, an event, a channel name, an error code, numbers and flags —
// any other text is dropped before it is written, so no message that may carry a value the clerk
// typed ever reaches the file — and what is left is still scrubbed of anything shaped like a CPF,
// a CEP, an e-mail address or a phone number. The file is its owner's only (0600 in a 0700 folder).
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JobStatus } from '../shared/contract/jobs';
import { makePrivate, PRIVATE_FILE, privateFolder } from './fileModes';

const MAX_BYTES = 5 * 1024 * 1024;
/**
 * Appends, creating the file; a link put in its place is refused rather than written through, and
 * a pipe is never waited on (opening one nobody reads would hang the desk). Windows has no such flags.
 */
const APPEND_NOT_THROUGH_LINKS =
  constants.O_NOFOLLOW === undefined
    ? 'a'
    : constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const KEEP = 3;

const SCRUBBERS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[e-mail]'],
  [/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '[cpf]'],
  [/\b\d{5}-?\d{3}\b/g, '[cep]'],
  [/\(?\b\d{2}\)?\s?9?\d{4}-?\d{4}\b/g, '[telefone]'],
];

export function scrub(text: string): string {
  return SCRUBBERS.reduce((acc, [pattern, mask]) => acc.replace(pattern, mask), text);
}

/**
 * What the console may say of an unexpected error: its name and code (`Error ENXIO`), each only if
 * shaped like one — never its message, which may quote a file or a value, nor its stack, whose paths
 * may hold a name.
 */
export function errorKind(error: unknown): string {
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown };
  const word = (value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(value) ? value : null);
  return [word(name) ?? 'desconhecido', word(code)].filter(Boolean).join(' ');
}

export interface LogEvent {
  level: 'info' | 'warn' | 'error';
  /** A fixed word: `call`, `job`… */
  event: string;
  /** A channel of the contract (`corrections:save`). */
  channel?: string;
  /** An error code (`DATE_INVALID`). */
  code?: string;
  /** Anything else is a number or a flag (durations, counts); other text is dropped. */
  [key: string]: string | number | boolean | null | undefined;
}

/** The only text a line may hold, by key: each shape leaves no room for a typed value. */
const TEXT_SHAPES: Record<string, RegExp> = {
  level: /^(info|warn|error)$/,
  event: /^[a-z][a-z0-9.-]{0,39}$/,
  channel: /^[a-z][a-zA-Z]{0,39}:[a-zA-Z][a-zA-Z.]{0,39}$/,
  code: /^[A-Z][A-Z0-9_]{0,39}$/,
};

/** The event as it may be written: numbers, flags and the text keys above in their shape. */
export function loggable(event: LogEvent): Record<string, string | number | boolean | null> {
  const line: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(event)) {
    if (!/^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(key)) continue;
    if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) line[key] = value;
    else if (typeof value === 'string' && TEXT_SHAPES[key]?.test(value)) line[key] = value;
  }
  return line;
}

/**
 * How a job ended, as the log says it: its kind, how long it ran, ok or its error code, and the
 * numbers of its answer (rows, accepted, rejected…) — never its text. An import's preview runs the
 * import's job (`imports:run`): its `dryRun` flag goes in too, so a preview never reads as an import
 * written — taken from the answer, or, when the job failed or was cancelled and so has none, from
 * what it was started with (`input`: only that flag of it is read).
 */
export function jobEnded(status: JobStatus, input?: unknown): LogEvent {
  const ms = status.finishedAt === null ? null : Date.parse(status.finishedAt) - Date.parse(status.startedAt);
  const answer = (status.result ?? {}) as Record<string, unknown>;
  const counts = Object.fromEntries(Object.entries(answer).filter(([, value]) => typeof value === 'number'));
  const dryRun = previewFlag(answer) ?? previewFlag(input);
  const preview = dryRun === null ? {} : { dryRun };
  if (status.state === 'done') return { level: 'info', event: 'job', channel: status.kind, ms, ok: true, ...preview, ...counts };
  const code = status.error?.code;
  return { level: code === 'INTERNAL' ? 'error' : 'info', event: 'job', channel: status.kind, ms, ok: false, ...preview, code, cancelled: status.state === 'cancelled' };
}

/** The `dryRun` flag of a job's answer or input, when it has one. */
function previewFlag(value: unknown): boolean | null {
  const flag = typeof value === 'object' && value !== null ? (value as { dryRun?: unknown }).dryRun : undefined;
  return typeof flag === 'boolean' ? flag : null;
}

export interface Logger {
  log(event: LogEvent): void;
  readonly file: string | null;
}

export const silentLogger: Logger = { log: () => undefined, file: null };

/** Whether this process's account owns the folder (always, where the system has no owners). */
function ownFolder(dir: string): boolean {
  const uid = process.getuid?.();
  return uid === undefined || statSync(dir).uid === uid;
}

/** JSON lines in `<dir>/cress-desk.log`, rotated at 5 MB, three files kept. */
export function fileLogger(dir: string): Logger {
  const file = join(dir, 'cress-desk.log');
  // A folder that cannot be made (a file in its place, a disk that refuses writes) never stops the
  // desk: it runs without a log, says so once on the console, and tries the folder again at each line.
  let folderReady = false;
  let warned = false;
  let madeOnce = false;
  const warnOnce = (error: unknown) => {
    const why = (error as { code?: unknown }).code === 'EOTHEROWNER' ? 'a pasta é de outra conta do computador' : errorKind(error);
    if (!warned) console.warn(`Aviso: o log do CRESS Desk não pode ser gravado em "${dir}" (${why}): o trabalho segue sem ele.`);
    warned = true;
  };
  const makeFolder = (): boolean => {
    // Made again after it was taken away — only it: a parent moved away (the store's folder
    // renamed) is not brought back empty where it was.
    if (madeOnce && !existsSync(dirname(dir))) return false;
    try {
      privateFolder(dir);
      // A folder of someone else's (a shared folder holding the store): they could read it or put a pipe in it.
      if (!ownFolder(dir)) throw Object.assign(new Error('not ours'), { code: 'EOTHEROWNER' });
      // Files an older version left readable by others; never a link's target (someone else's file).
      for (let i = 0; i <= KEEP; i++) {
        const path = i === 0 ? file : `${file}.${i}`;
        if (!lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) makePrivate(path);
      }
      madeOnce = true;
      return (folderReady = true);
    } catch (error) {
      warnOnce(error);
      return false;
    }
  };
  makeFolder();
  const rotate = () => {
    if (!existsSync(file) || statSync(file).size < MAX_BYTES) return;
    rmSync(`${file}.${KEEP}`, { force: true });
    for (let i = KEEP - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  };
  const append = (line: string) => {
    rotate();
    const fd = openSync(file, APPEND_NOT_THROUGH_LINKS, PRIVATE_FILE);
    try {
      // A pipe or a device put where the file goes (one with a reader opens): no line goes to it.
      if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
      writeSync(fd, `${line}\n`);
    } finally {
      closeSync(fd);
    }
  };
  return {
    file,
    log(event) {
      if (!folderReady && !makeFolder()) return;
      const line = scrub(JSON.stringify({ at: new Date().toISOString(), ...loggable(event) }));
      try {
        append(line);
      } catch (error) {
        // A folder taken away while the desk runs is made again; a log that still cannot be written
        // must never stop the clerk's work.
        folderReady = (error as NodeJS.ErrnoException).code !== 'ENOENT';
        if (folderReady) warnOnce(error);
        if (folderReady || !makeFolder()) return;
        try {
          append(line);
        } catch {
          // Nothing more to try: the line is lost, the work goes on.
        }
      }
    },
  };
}
