// The built `cress-desk` command on one store file, as an IT person runs it: exit code and output,
// or the `--json` document parsed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

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

/** `run` and `json` on the store `storePath()` names (a function: tests create it in beforeAll). */
export function cliOn(storePath: () => string) {
  function run(...args: string[]): CliResult {
    const result = spawnSync(process.execPath, [CLI_BIN, '--db', storePath(), ...args], { encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape its command prints
  function json(...args: string[]): CliResult & { body: any } {
    const result = run('--json', ...args);
    return { ...result, body: JSON.parse(result.stdout) };
  }
  return { run, json };
}
