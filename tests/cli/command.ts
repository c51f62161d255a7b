// The built `cress-desk` command on one store file, as an IT person runs it: exit code and output,
// or the `--json` document parsed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { openRawStore } from '../rawStore';

export const CLI_BIN = resolve(__dirname, '../../out/cli/cress-desk.cjs');

/** The PIN of the file CRESS_DESK_PIN_FILE names for every command the tests start (vitest.config.ts). */
export const TEST_PIN = '1234';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Throws with the fix when the bundle is missing (the tests run the real build, not the sources). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI_BIN)) throw new Error('Build first (npm run build): out/cli/cress-desk.cjs is missing');
}

/**
 * `run` and `json` on the store `storePath()` names (a function: tests create it in beforeAll);
 * `env()`, when given, adds to the variables each command gets.
 */
export function cliOn(storePath: () => string, env?: () => NodeJS.ProcessEnv) {
  function run(...args: string[]): CliResult {
    const result = spawnSync(process.execPath, [CLI_BIN, '--db', storePath(), ...args], { encoding: 'utf8', ...(env && { env: { ...process.env, ...env() } }) });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape its command prints
  function json(...args: string[]): CliResult & { body: any } {
    const result = run('--json', ...args);
    return { ...result, body: JSON.parse(result.stdout) };
  }
  return { run, json };
}

/** A test file's desk: `run` and `json` on its store, in a temporary folder of its own. */
export interface CliDesk extends ReturnType<typeof cliOn> {
  /** The folder, made before the file's tests and removed after them. */
  readonly dir: string;
  /** The store's path in it (`desk.sqlite`), created by the first `init`. */
  readonly store: string;
}

export interface CliDeskOptions {
  /** How long `setUp` may take, when it is long. */
  timeout?: number;
  /** Variables the commands get besides the test run's own, given the desk's folder (e.g. a HOME inside it). */
  env?: (dir: string) => NodeJS.ProcessEnv;
}

/**
 * A desk for the test file: its folder is made (once the build is there) before the file's tests,
 * `setUp` runs then (typically `initDesk`; a number for `options` is its timeout), and the folder is removed after them.
 */
export function cliDesk(prefix: string, setUp?: (desk: CliDesk) => void, options: number | CliDeskOptions = {}): CliDesk {
  const { timeout, env } = typeof options === 'number' ? { timeout: options, env: undefined } : options;
  let dir = '';
  const store = () => join(dir, 'desk.sqlite');
  const desk: CliDesk = {
    ...cliOn(store, env && (() => env(dir))),
    get dir() {
      return dir;
    },
    get store() {
      return store();
    },
  };
  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), prefix));
    setUp?.(desk);
  }, timeout);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return desk;
}

/** `init` for the CRESS 9ª Região with `operator`, then `demo` professionals when asked: each must succeed. */
export function initDesk(desk: Pick<CliDesk, 'run'>, { operator = 'Ana Souza', professionals, seed }: { operator?: string; professionals?: number; seed?: number } = {}): void {
  expect(desk.run('init', '--region', '9', '--operator', operator).code).toBe(0);
  if (professionals === undefined) return;
  expect(desk.run('demo', '--professionals', String(professionals), ...(seed === undefined ? [] : ['--seed', String(seed)])).code).toBe(0);
}

/** initDesk, then one backup made into the desk's `backups` folder: answers its file. */
export function initDeskWithBackup(desk: CliDesk, options: { professionals: number; seed: number }): string {
  initDesk(desk, options);
  mkdirSync(join(desk.dir, 'backups'));
  return desk.json('backup', 'create', '--out', join(desk.dir, 'backups')).body.file as string;
}

/** The registration numbers of the store's professionals, in the order they were added. */
export function registrationsIn(store: string): string[] {
  const db = openRawStore(store, { readonly: true });
  try {
    return db.prepare('SELECT registration_number FROM professionals ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}
