// The generated help is the command line's reference: the README's command list must say the same
// (every command of `--help` there, nothing there that `--help` lacks, each with its own options),
// and an option a command does not declare is wrong usage.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, cliOn, requireBuiltCli } from './command';

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The help of each command path, read side by side. */
async function helpOf(paths: string[][]): Promise<string[]> {
  return Promise.all(paths.map(async (path) => (await promisify(execFile)(process.execPath, [CLI_BIN, ...path, '--help'], { encoding: 'utf8' })).stdout));
}

/** The entries of one section of a help text (`Commands:`, `Options:`): the first word of each. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(title);
  if (start < 0) return [];
  const entries: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    if (/^ {2}\S/.test(line)) entries.push(line.trim().split(/\s{2,}/)[0] as string);
  }
  return entries;
}

/** The long options of a command's own `Options:` section, without --help. */
function ownOptions(help: string): string[] {
  return section(help, 'Options:')
    .map((entry) => /--[a-z][a-z-]*/.exec(entry)?.[0])
    .filter((flag): flag is string => flag !== undefined && flag !== '--help');
}

interface HelpCommand {
  path: string;
  options: string[];
}

/** Every command the help names, group commands by their two words, with its options. */
async function commandsOfHelp(): Promise<HelpCommand[]> {
  const [top = ''] = await helpOf([[]]);
  const names = section(top, 'Commands:').map((entry) => [entry.split(' ')[0] as string]);
  const helps = await helpOf(names);
  const leaves = names.flatMap((name, i) => {
    const subcommands = section(helps[i] as string, 'Commands:').map((entry) => [...name, entry.split(' ')[0] as string]);
    return subcommands.length === 0 ? [name] : subcommands;
  });
  const leafHelps = await helpOf(leaves);
  return leaves.map((path, i) => ({ path: path.join(' '), options: ownOptions(leafHelps[i] as string) }));
}

/** The README's command list: each entry's command words and the options its line(s) name. */
function commandsOfReadme(groups: ReadonlySet<string>): Map<string, string[]> {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const block = /### The command line\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, 'README: the command list under "### The command line"').toBeDefined();
  const entries = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of (block as string).split('\n')) {
    if (/^ {2}\S/.test(line)) {
      const [first = '', second = ''] = line.trim().split(/\s+/);
      current = [];
      entries.set(groups.has(first) ? `${first} ${second}` : first, current);
    } else if (!/^\s{3,}\S/.test(line)) {
      current = null;
      continue;
    }
    current?.push(...(line.match(/--[a-z][a-z-]*/g) ?? []));
  }
  return entries;
}

describe('cress-desk help', () => {
  let dir: string;
  let store: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'cress-help-'));
    store = join(dir, 'desk.sqlite');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists in the README every command of --help with its options, and nothing else', { timeout: 120_000 }, async () => {
    const help = await commandsOfHelp();
    const groups = new Set(help.filter((c) => c.path.includes(' ')).map((c) => c.path.split(' ')[0] as string));
    const readme = commandsOfReadme(groups);
    expect([...readme.keys()].sort()).toEqual(help.map((c) => c.path).sort());
    for (const command of help) expect([...new Set(readme.get(command.path))].sort(), command.path).toEqual([...command.options].sort());
  });

  it('shows the generated help of the program and of a group, with the global options and the exit status', () => {
    const top = cli('--help');
    expect(top.stdout).toMatch(/^Usage: cress-desk \[options\] \[command\]/);
    expect(top.stdout).toMatch(/--db <file>/);
    expect(top.stdout).toMatch(/--json/);
    expect(top.stdout).toContain('Exit status: 0 done, 1 refused (the message says why), 2 usage, 3 integrity failure.');
    const batch = cli('batch', '--help');
    expect(batch.code).toBe(0);
    expect(batch.stdout).toMatch(/^Usage: cress-desk batch \[options\] \[command\]/);
    expect(batch.stdout).toMatch(/^ {2}export \[options\] <id> +Write DIR\/CRESS09-lote-2026-0001\.zip/m);
    // Without a command: the help on stderr, exit 2.
    const bare = cli();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/Usage: cress-desk/);
    expect(cli('batch').code).toBe(2);
  });

  it('refuses an option the command does not declare, and a value outside its choices (exit 2)', () => {
    const { run } = cliOn(() => store);
    const stray = run('info', '--street', 'X');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("cress-desk: unknown option '--street'");
    expect(stray.stderr).toMatch(/Usage: cress-desk info/);
    const arrival = run('correct', '12345', '--field', 'email', '--value', 'a@b.br', '--reason', 'R', '--arrival', 'fax');
    expect(arrival.code).toBe(2);
    expect(arrival.stderr).toMatch(/--arrival.*fax.*in_person, post, email, phone/);
    expect(run('corrections', 'list', '--status', 'lost').code).toBe(2);
    expect(run('info', 'extra').code).toBe(2);
  });
});
