// The browser host's command line: an argument it does not take (a typo, `--help`, `--db=FILE`
// read as something else) must not start a host on the app's default store, which a start would
// create when missing. Each run gets a fresh home folder, so a store opened by mistake shows there.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_BIN } from '../cli/processes';

let home: string;

interface Run {
  code: number | null;
  /** Whether the host printed its address (it started). */
  started: boolean;
  stdout: string;
  stderr: string;
}

/** The built host with `args`, HOME and XDG_CONFIG_HOME at `home`: its exit, or its start (then stopped). */
function runHost(args: string[]): Promise<Run> {
  if (!existsSync(HOST_BIN)) throw new Error('Build first (npx vite build -c vite.node.config.ts): out/host/host.cjs is missing');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: home };
  delete env.CRESS_DESK_DB;
  delete env.CRESS_DESK_PREVIEW_TOKEN;
  return new Promise((done) => {
    const child = spawn(process.execPath, [HOST_BIN, ...args], { env, cwd: home });
    const run: Run = { code: null, started: false, stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => {
      run.stdout += d.toString();
      if (!run.started && /http:\/\/127\.0\.0\.1:\d+\//.test(run.stdout)) {
        run.started = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    child.on('exit', (code) => {
      run.code = code;
      done(run);
    });
  });
}

/** Every file under the home folder: what a run left behind. */
const filesIn = (folder: string) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name));

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cress-host-args-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('the browser host command line', () => {
  it.each(['--help', '-h'])('%s prints the usage, naming each option, and exits 0 without opening a store', async (flag) => {
    const run = await runHost([flag]);
    expect(run.started, run.stdout).toBe(false);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/usage/i);
    for (const option of ['--db', '--port', '--token-file', '--token', '--help']) expect(run.stdout).toContain(option);
    expect(filesIn(home)).toEqual([]);
  });

  it.each([
    [['--bogus'], '--bogus'],
    [['stray'], 'stray'],
    [['--db'], '--db'],
    [['--db', '--port', '0'], '--db'],
    [['--db', ''], '--db'],
    [['--db='], '--db'],
    [['--port'], '--port'],
    [['--token-file'], '--token-file'],
  ])('%j is wrong usage naming %s: exit 2, nothing opened or created', async (args, named) => {
    const run = await runHost(args);
    expect(run.started, run.stdout).toBe(false);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stderr).toMatch(/--help/);
    expect(filesIn(home)).toEqual([]);
  });

  it.each(['--db', '--token-file', '--token'])('refuses %s given twice rather than choosing one of the values', async (option) => {
    const run = await runHost([option, join(home, 'a'), `${option}=${join(home, 'b')}`]);
    expect(run.started).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`'${option}' was given more than once`);
    expect(filesIn(home)).toEqual([]);
  });

  it('lets --port repeat, the last one winning, as `npm run preview -- --port N` needs', async () => {
    const run = await runHost(['--db', join(home, 'desk.sqlite'), '--port', 'not-a-port', '--port', '0']);
    expect(run.started, run.stderr).toBe(true);
  });

  it('takes --db=FILE and --port=N as --db FILE and --port N', async () => {
    const store = join(home, 'chosen', 'desk.sqlite');
    const run = await runHost([`--db=${store}`, '--port=0']);
    expect(run.started, run.stderr).toBe(true);
    expect(run.stdout).toContain(`Dados: ${store}`);
    expect(existsSync(store)).toBe(true);
    expect(existsSync(join(home, 'CRESS Desk'))).toBe(false);
  });

  it('still takes --db FILE --port N as before', async () => {
    const store = join(home, 'desk.sqlite');
    const run = await runHost(['--db', store, '--port', '0']);
    expect(run.started, run.stderr).toBe(true);
    expect(run.stdout).toContain(`Dados: ${store}`);
    expect(existsSync(join(home, 'CRESS Desk'))).toBe(false);
  });
});
