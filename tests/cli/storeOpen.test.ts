// Opening the store reads the whole file only when it was not closed cleanly: a damaged page
// goes unnoticed by a quick `info` after a clean close (that is the point: a national store opens in
// a fraction of a second), is caught by the open after a crash, and by `store check` on demand.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';
import { openRawStore, readRawRows } from '../rawStore';
import { posixOnly } from '../posixOnly';
import { cliAsync, startHostProcess } from './processes';

const desk = cliDesk('cress-open-', (d) => initDesk(d, { professionals: 2000, seed: 4 }), 60_000);
const { run } = desk;

const marks = () => readdirSync(desk.dir).filter((name) => name.includes('.open-'));

/** The id of a process that has just ended (as a crashed desk's would be). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Overwrites one page of the professionals table with garbage, as a failing disk would. */
function damageAPage(path: string): void {
  const db = openRawStore(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  // A leaf page of the table's b-tree, well inside the file (dbstat is compiled into better-sqlite3).
  const page = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'professionals' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1 OFFSET 3").get() as { pageno: number }).pageno;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('opening the store', () => {
  it('leaves no mark behind after a clean close', () => {
    expect(run('info').code).toBe(0);
    expect(marks()).toEqual([]);
  });

  it('a sound store stays sound: `store check` reads every page and says so', () => {
    const result = run('store', 'check');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Store sound');
  });

  it('after a crash, the next open reads every page: a damaged page is named, exit 3, and the mark stays for the next try', () => {
    damageAPage(desk.store);
    // A clean close last time: the quick open does not read that page.
    expect(run('info').code).toBe(0);
    // A desk that was killed left its mark.
    const left = `.desk.sqlite.open-${deadPid()}-0badc0de`;
    writeFileSync(join(desk.dir, left), '');
    const after = run('info');
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('STORE_CORRUPT');
    expect(after.stderr).toContain('danificado');
    expect(marks()).toEqual([left]);
    // On demand, whatever the marks say.
    const check = run('store', 'check');
    expect(check.code).toBe(3);
  });

  it('store check on a damaged store counts every problem, shows the first few and how many more, and gives them all with --json', () => {
    // Closed cleanly (no mark of a crash): the store opens, and the check reads every page.
    for (const mark of marks()) rmSync(join(desk.dir, mark));
    const checked = desk.json('store', 'check');
    expect(checked.code).toBe(3);
    const problems = checked.body.problems as string[];
    expect(problems.length).toBeGreaterThan(5);
    for (const problem of problems) expect(problem).not.toContain('\n');
    expect(checked.body.count).toBe(problems.length);
    const text = run('store', 'check');
    expect(text.code).toBe(3);
    expect(text.stdout).toContain(`STORE DAMAGED: ${problems.length.toLocaleString('pt-BR')} problems`);
    expect(text.stdout).toContain(`and ${(problems.length - 5).toLocaleString('pt-BR')} more (all of them with --json)`);
    expect(text.stdout.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(5);
  });

  it('a mark of a process still running is not taken for a crash, and is left alone', () => {
    rmSync(desk.store);
    for (const name of readdirSync(desk.dir)) rmSync(join(desk.dir, name), { force: true });
    expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
    const live = `.desk.sqlite.open-${process.pid}-00c0ffee`;
    writeFileSync(join(desk.dir, live), '');
    expect(run('info').code).toBe(0);
    expect(marks()).toEqual([live]);
    expect(statSync(join(desk.dir, live)).size).toBe(0);
  });

  it('a crash mark on a sound store: the check passes and the mark is cleared', () => {
    const left = `.desk.sqlite.open-${deadPid()}-deadbeef`;
    writeFileSync(join(desk.dir, left), '');
    expect(run('info').code).toBe(0);
    expect(marks()).not.toContain(left);
  });
  it('after a restart, a crash mark whose process id another program has since been given is still taken for a crash', () => {
    expect(run('demo', '--professionals', '2000', '--seed', '4').code).toBe(0);
    damageAPage(desk.store);
    expect(run('info').code).toBe(0);
    // The desk was killed (a power cut); after the restart its id went to another program, one that
    // runs now (here, this test's own), started at another moment than the desk.
    const left = `.desk.sqlite.open-${process.pid}-1-5eed1e55`;
    writeFileSync(join(desk.dir, left), '');
    const after = run('info');
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('danificado');
    expect(marks()).toContain(left);
  });

  it('a log left by a desk killed outright, whose mark was deleted since, still makes the next open read every page', async (context) => {
    posixOnly(context, 'signals');
    rmSync(desk.store);
    for (const name of readdirSync(desk.dir)) rmSync(join(desk.dir, name), { force: true });
    expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
    expect(run('demo', '--professionals', '2000', '--seed', '4').code).toBe(0);
    const someone = readRawRows<{ cpf: string }>(desk.store, 'SELECT cpf FROM professionals ORDER BY id LIMIT 1')[0]?.cpf as string;
    damageAPage(desk.store);
    expect(run('info').code).toBe(0);
    const host = await startHostProcess(desk.store);
    const saved = await cliAsync(desk.store, ['correct', someone, '--field', 'email', '--value', 'morto.depois@exemplo.com.br', '--reason', 'Pedido']);
    expect(saved.code, saved.stderr).toBe(0);
    process.kill(host.pid, 'SIGKILL');
    await host.stop();
    // Someone tidied the folder: the killed desk's mark went, its log stayed.
    for (const mark of marks()) rmSync(join(desk.dir, mark));
    expect(statSync(`${desk.store}-wal`).size).toBeGreaterThan(0);
    const after = run('info');
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('danificado');
  });
});
