// The built command run by a user without root's power over files: how the desk behaves on a store,
// a folder or a file that user may read but not write (or not read at all). Tests started by an
// ordinary user run the command as themselves, whom chmod already binds. Tests started as root (CI
// runs in a container as root) run it as `nobody` through runuser, with copies of the test keys
// that user can read; where that is impossible the tests skip and say why.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, linkSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BIN, type CliResult } from './command';

const ON_WINDOWS = process.platform === 'win32';
const AS_ROOT = !ON_WINDOWS && process.getuid?.() === 0;

export interface Unprivileged {
  /** Why the command cannot run as such a user here; null when it can. */
  readonly unavailable: string | null;
  /** Whether that user is another user than the one running the tests (root ran them). */
  readonly other: boolean;
  /** Hands `path` (and what is in it) to the user that runs the command. */
  own(path: string): void;
  /** The built command, as that user, in `cwd`, with `env` added to the test run's variables. */
  run(args: string[], env: NodeJS.ProcessEnv, cwd: string): CliResult;
  /** Removes what was made to start the command as that user. */
  cleanup(): void;
}

function idOf(flag: '-u' | '-g', user: string): number | null {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

/** A Node binary `nobody` may run: the test run's own, else a link to it (or a copy) in a folder anyone may enter. */
function nodeFor(run: (command: string[]) => ReturnType<typeof spawnSync>): { node: string; folder: string | null } {
  if (run([process.execPath, '-e', '']).status === 0) return { node: process.execPath, folder: null };
  const folder = mkdtempSync(join(tmpdir(), 'cress-desk-node-'));
  chmodSync(folder, 0o755);
  const node = join(folder, 'node');
  try {
    linkSync(process.execPath, node);
  } catch {
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  return { node, folder };
}

/** The built command as the tests' own user, in `cwd`, with `env` added to the test run's variables. */
export function runBuilt(args: string[], env: NodeJS.ProcessEnv, cwd: string): CliResult {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function asSelf(): Unprivileged {
  return { unavailable: null, other: false, own: () => {}, run: runBuilt, cleanup: () => {} };
}

function unavailable(reason: string): Unprivileged {
  return { ...asSelf(), unavailable: reason };
}

function asNobody(): Unprivileged {
  const uid = idOf('-u', 'nobody');
  const gid = idOf('-g', 'nobody');
  if (uid === null || gid === null) return unavailable('there is no user "nobody" to run the command as, and as root file permissions bind nobody.');
  const runuser = (command: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
    spawnSync('runuser', ['-u', 'nobody', '--', 'env', ...Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v ?? ''}`), ...command], {
      encoding: 'utf8',
      cwd: options.cwd ?? '/',
    });
  if (runuser(['true']).status !== 0) return unavailable('runuser cannot switch to the user "nobody" here, and as root file permissions bind nobody.');
  const { node, folder } = nodeFor(runuser);
  const cleanup = () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
  const probe = runuser([node, CLI_BIN, '--version']);
  if (probe.status !== 0) {
    cleanup();
    return unavailable(`the user "nobody" cannot run the built command (${String(probe.stderr).trim().split('\n')[0] ?? ''}).`);
  }
  const own = (path: string): void => {
    chownSync(path, uid, gid);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) own(join(path, name));
  };
  return {
    unavailable: null,
    other: true,
    own,
    run(args, env, cwd) {
      const result = runuser([node, CLI_BIN, ...args], { cwd, env });
      return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
    cleanup,
  };
}

/** The command as a user bound by file permissions: `nobody` when the tests run as root, else the tests' own user. */
export function unprivileged(): Unprivileged {
  if (ON_WINDOWS) return unavailable('POSIX file permissions do not exist on Windows.');
  return AS_ROOT ? asNobody() : asSelf();
}
