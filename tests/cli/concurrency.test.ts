// One writer at a time, and everyone knows it — the built command beside the browser host, other
// commands and plain SQLite sessions on the same store: a restore waits for everyone else to close
// it, writers take turns within a bounded wait and are told when the store stays busy, a killed
// writer leaves no lock behind, a long import never makes the counter wait, and only `init` creates
// a store (a full disk: diskFull.test.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writersWaiting } from '../../db/storeLock';
import { CLI_BIN, cliDesk, cliOn, initDeskWithBackup } from './command';
import { cliAsync, holdStore, saveEmailThroughHost, startHostProcess } from './processes';
import { settle } from '../faults/stores';
import { readRawRows } from '../rawStore';

const IN_USE = 'O banco está aberto em outro programa: feche o CRESS Desk e tente de novo';
const PEOPLE = 3600;
let backup: string;

const count = (sql: string, ...params: unknown[]) => (readRawRows<{ n: number }>(desk.store, sql, params)[0] as { n: number }).n;
const cpfs = () => readRawRows<{ cpf: string }>(desk.store, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The id of a process that has just ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** A copy of the test store in a folder of its own. */
function copyOf(name: string): string {
  const folder = join(desk.dir, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(settle(desk.store), join(folder, 'store.sqlite'));
  return join(folder, 'store.sqlite');
}

/**
 * A corrections file (in the desk's folder) that changes each of these people four times over, a
 * different field each round: e-mail `<tag>.<i>@…`, complement, number from `number`, district. Answers it and its rows.
 */
function fourFieldsFile(name: string, people: string[], { tag, number, district }: { tag: string; number: number; district: string }): { file: string; rows: number } {
  const lines = ['CPF;E-mail;Complemento;Número;Bairro;Motivo'];
  for (let round = 0; round < 4; round++) {
    people.forEach((cpf, i) => {
      const cells = ['', '', '', ''];
      cells[round] = [`${tag}.${i}@exemplo.com.br`, `Sala ${i}`, String(number + i), `${district} ${i}`][round] as string;
      lines.push(`${cpf};${cells.join(';')};Atualização`);
    });
  }
  const file = join(desk.dir, name);
  writeFileSync(file, lines.join('\r\n'));
  return { file, rows: lines.length - 1 };
}

const desk = cliDesk(
  'cress-concurrency-',
  (d) => {
    backup = initDeskWithBackup(d, { professionals: PEOPLE, seed: 3 });
  },
  120_000,
);
const { run } = desk;

describe('only init creates a store', () => {
  it('any other command on a missing file exits 1 saying the store was not found, and creates nothing', () => {
    const typo = join(desk.dir, 'typo', 'dsek.sqlite');
    for (const args of [['audit', 'verify'], ['info'], ['registry', 'search', 'maria'], ['backup', 'create', '--out', desk.dir], ['correct', '123.456.789-09', '--field', 'email', '--value', 'a@b.com.br', '--reason', 'x']]) {
      const result = cliOn(() => typo).run(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`Banco não encontrado: ${typo}`);
      expect(result.stderr).toContain('STORE_NOT_FOUND');
      expect(existsSync(typo) || existsSync(join(desk.dir, 'typo'))).toBe(false);
    }
  });

  it('a folder given as the store is refused by what it is, for init too, and nothing is made in it', () => {
    const folder = join(desk.dir, 'uma-pasta');
    mkdirSync(folder);
    for (const args of [['info'], ['audit', 'verify'], ['init', '--region', '9', '--operator', 'Rita']]) {
      const result = cliOn(() => folder).run(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`"${folder}" é uma pasta, não um arquivo de dados`);
      expect(result.stderr).not.toContain('INTERNAL');
      expect(readdirSync(folder)).toEqual([]);
    }
  });

  it('init creates it, in a folder made for it', () => {
    const fresh = join(desk.dir, 'nova', 'desk.sqlite');
    expect(cliOn(() => fresh).run('init', '--region', '6', '--operator', 'Rita').code).toBe(0);
    expect(cliOn(() => fresh).run('audit', 'verify').code).toBe(0);
  });
});

describe('a restore waits for everyone else to close the store', () => {
  it('is refused while the browser host has the store open, and the correction the host saves next is kept', async () => {
    const before = count('SELECT count(*) AS n FROM corrections');
    const host = await startHostProcess(desk.store);
    try {
      const restore = await cliAsync(desk.store, ['backup', 'restore', backup, '--yes']);
      expect(restore.code, restore.stderr).toBe(1);
      expect(restore.stderr).toContain(IN_USE);
      expect(restore.stderr).not.toContain('INTERNAL');
      const saved = await saveEmailThroughHost(host, cpfs()[10] as string, 'depois.da.restauracao@exemplo.com.br');
      expect(saved?.ok, JSON.stringify(saved?.error)).toBe(true);
    } finally {
      await host.stop();
    }
    expect(count('SELECT count(*) AS n FROM corrections')).toBe(before + 1);
    expect(count("SELECT count(*) AS n FROM professionals WHERE email = 'depois.da.restauracao@exemplo.com.br'")).toBe(1);
    expect(run('audit', 'verify').code).toBe(0);
  }, 60_000);

  for (const mode of ['read', 'write'] as const) {
    it(`is refused while another program holds a ${mode} transaction, and nothing is changed`, async () => {
      const professionals = count('SELECT count(*) AS n FROM professionals');
      const audit = count('SELECT count(*) AS n FROM audit_log');
      const holder = await holdStore(desk.store, mode);
      try {
        const restore = await cliAsync(desk.store, ['backup', 'restore', backup, '--yes']);
        expect(restore.code, restore.stderr).toBe(1);
        expect(restore.stderr).toContain(IN_USE);
      } finally {
        await holder.release();
      }
      expect(count('SELECT count(*) AS n FROM professionals')).toBe(professionals);
      expect(count('SELECT count(*) AS n FROM audit_log')).toBe(audit);
      expect(readdirSync(desk.dir).filter((name) => name.includes('before-restore'))).toEqual([]);
      // Nor is the copy prepared for the restore left beside the store.
      expect(readdirSync(desk.dir).filter((name) => name.includes('.restore-'))).toEqual([]);
    }, 60_000);
  }
});

describe('writers take turns', () => {
  it('a second writer waits its turn and then goes through', async () => {
    const holder = await holdStore(desk.store, 'write');
    const released = sleep(1500).then(() => holder.release());
    const correction = await cliAsync(desk.store, ['correct', cpfs()[20] as string, '--field', 'email', '--value', 'na.vez@exemplo.com.br', '--reason', 'Pedido']);
    await released;
    expect(correction.code, correction.stderr).toBe(0);
    expect(correction.ms).toBeGreaterThanOrEqual(1000);
    expect(count("SELECT count(*) AS n FROM professionals WHERE email = 'na.vez@exemplo.com.br'")).toBe(1);
  }, 30_000);

  it('while it waits, a waiting writer says so beside the store (a long import then lets it in), and the mark goes with it', async () => {
    const waitingMarks = () => readdirSync(desk.dir).filter((name) => name.startsWith('.desk.sqlite.waiting-'));
    const holder = await holdStore(desk.store, 'write');
    const correction = cliAsync(desk.store, ['correct', cpfs()[23] as string, '--field', 'email', '--value', 'aguardando@exemplo.com.br', '--reason', 'Pedido']);
    let seen: string[] = [];
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      await sleep(100);
      seen = waitingMarks();
    }
    await holder.release();
    const done = await correction;
    expect(done.code, done.stderr).toBe(0);
    expect(seen).toHaveLength(1);
    expect(waitingMarks()).toEqual([]);
    // A mark left by a writer killed while it waited says nothing, and is removed by the next long import's look.
    const left = join(desk.dir, `.desk.sqlite.waiting-${deadPid()}-0badf00d`);
    writeFileSync(left, '');
    expect(writersWaiting(desk.store)).toBe(false);
    expect(existsSync(left)).toBe(false);
    // So does one whose process id another program (here, this test's own) was given after a restart.
    const reused = join(desk.dir, `.desk.sqlite.waiting-${process.pid}-1-0badf00d`);
    writeFileSync(reused, '');
    expect(writersWaiting(desk.store)).toBe(false);
    expect(existsSync(reused)).toBe(false);
  }, 30_000);

  it('past the bounded wait it is told the store is busy (STORE_BUSY, exit 1), never an internal error', async () => {
    const holder = await holdStore(desk.store, 'write');
    try {
      const correction = await cliAsync(desk.store, ['correct', cpfs()[21] as string, '--field', 'email', '--value', 'ocupado@exemplo.com.br', '--reason', 'Pedido'], {
        CRESS_DESK_WRITE_WAIT_MS: '700',
      });
      expect(correction.code).toBe(1);
      expect(correction.stderr).toContain('STORE_BUSY');
      expect(correction.stderr).toContain('O banco está ocupado por outra tarefa');
      expect(correction.stderr).not.toContain('INTERNAL');
    } finally {
      await holder.release();
    }
    expect(count("SELECT count(*) AS n FROM professionals WHERE email = 'ocupado@exemplo.com.br'")).toBe(0);
  }, 30_000);

  it('a writer killed in the middle of its transaction leaves no lock behind', async () => {
    const holder = await holdStore(desk.store, 'write');
    await holder.kill();
    const correction = await cliAsync(desk.store, ['correct', cpfs()[22] as string, '--field', 'email', '--value', 'sem.trava@exemplo.com.br', '--reason', 'Pedido'], {
      CRESS_DESK_WRITE_WAIT_MS: '2000',
    });
    expect(correction.code, correction.stderr).toBe(0);
    // …and nobody else holds the store: a restore could go through (checked on a copy).
    const copy = copyOf('after-kill');
    const holder2 = await holdStore(copy, 'write');
    await holder2.kill();
    const restore = await cliAsync(copy, ['backup', 'restore', backup, '--yes']);
    expect(restore.code, restore.stderr).toBe(0);
  }, 30_000);

  it('two command lines × 200 corrections, an import and a backup at once: no failure, the audit trail intact, every correction present', async () => {
    const people = cpfs();
    const lanes = [0, 1].map(async (lane) => {
      const failures: string[] = [];
      for (let i = 0; i < 200; i++) {
        const cpf = people[100 + lane * 200 + i] as string;
        const result = await cliAsync(desk.store, ['correct', cpf, '--field', 'email', '--value', `fila${lane}.${i}@exemplo.com.br`, '--reason', 'Pedido no balcão']);
        if (result.code !== 0) failures.push(`${lane}/${i}: ${result.code} ${result.stderr}`);
      }
      return failures;
    });
    const file = join(desk.dir, 'lote-do-mes.csv');
    const imported = people.slice(600, 3600);
    writeFileSync(file, ['CPF;E-mail;Motivo', ...imported.map((cpf, i) => `${cpf};mes.${i}@exemplo.com.br;Atualização do mês`)].join('\r\n'));
    const folder = join(desk.dir, 'backups-concurrent');
    mkdirSync(folder);
    const importing = cliAsync(desk.store, ['import', 'corrections', file]);
    const backingUp = cliAsync(desk.store, ['backup', 'create', '--out', folder]);
    const [a, b] = await Promise.all(lanes);
    const importRun = await importing;
    const backupRun = await backingUp;
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(importRun.code, importRun.stderr).toBe(0);
    expect(backupRun.code, backupRun.stderr).toBe(0);
    expect(run('audit', 'verify').code).toBe(0);
    expect(count("SELECT count(*) AS n FROM corrections WHERE new_value LIKE 'fila%'")).toBe(400);
    expect(count("SELECT count(*) AS n FROM professionals WHERE email LIKE 'fila%'")).toBe(400);
    expect(count("SELECT count(*) AS n FROM professionals WHERE email LIKE 'mes.%'")).toBe(imported.length);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'correction.save'")).toBeGreaterThanOrEqual(400);
    const made = readdirSync(folder).filter((name) => name.endsWith('.zip'));
    expect(made).toHaveLength(1);
    expect(run('backup', 'verify', join(folder, made[0] as string)).code).toBe(0);
  }, 900_000);
});

describe('the counter never waits on a long import', () => {
  it('a correction saved while a big corrections import runs is written long before the import ends', async () => {
    const copy = copyOf('long-import');
    const people = readRawRows<{ cpf: string }>(copy, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);
    // Every professional but the first hundred four times over: a long import, written in steps.
    const { file, rows } = fourFieldsFile('grande.csv', people.slice(100), { tag: 'grande', number: 9000, district: 'Bairro Novo' });
    const queued = readRawRows(copy, "SELECT 1 FROM corrections WHERE source = 'import'").length;
    const importing = cliAsync(copy, ['import', 'corrections', file, '--force'], { CRESS_DESK_IMPORT_STEP_ROWS: '2000' });
    let importDone = false;
    void importing.then(() => (importDone = true));
    await sleep(600);
    const correction = await cliAsync(copy, ['correct', people[5] as string, '--field', 'email', '--value', 'no.balcao@exemplo.com.br', '--reason', 'Pedido no balcão']);
    const stillImporting = !importDone;
    const result = await importing;
    expect(correction.code, correction.stderr).toBe(0);
    expect(stillImporting).toBe(true);
    expect(result.code, result.stderr).toBe(0);
    expect(readRawRows(copy, "SELECT 1 FROM professionals WHERE email = 'no.balcao@exemplo.com.br'")).toHaveLength(1);
    expect(readRawRows(copy, "SELECT 1 FROM corrections WHERE source = 'import'")).toHaveLength(queued + rows);
    expect(cliOn(() => copy).run('audit', 'verify').code).toBe(0);
  }, 120_000);

  it('a row whose record the counter corrected after the import checked it is rejected with the reason; the clerk’s change stays', async () => {
    const copy = copyOf('stale-row');
    const people = readRawRows<{ cpf: string }>(copy, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);
    const { file, rows } = fourFieldsFile('demorada.csv', people, { tag: 'demorada', number: 7000, district: 'Bairro Antigo' });
    const importing = cliAsync(copy, ['--json', 'import', 'corrections', file]);
    // Once the import is reading (its staging file is there), its first row has been checked.
    const folder = join(desk.dir, 'stale-row');
    for (let tries = 0; tries < 400 && !readdirSync(folder).some((name) => name.endsWith('.stage')); tries++) await sleep(10);
    await sleep(200);
    const correction = await cliAsync(copy, ['correct', people[0] as string, '--field', 'email', '--value', 'balcao.primeiro@exemplo.com.br', '--reason', 'Pedido no balcão']);
    const result = await importing;
    expect(correction.code, correction.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { rows: number; accepted: number; rejected: number; errors: { row: number; code: string; message: string }[] };
    expect(result.code).toBe(1);
    expect(summary.rejected).toBe(4);
    expect(summary.accepted).toBe(rows - 4);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([2, people.length + 2, 2 * people.length + 2, 3 * people.length + 2].map((row) => [row, 'VERSION_CONFLICT']));
    expect(summary.errors[0]?.message).toMatch(/foi alterado por outra pessoa enquanto a planilha era conferida/);
    expect(readRawRows(copy, "SELECT 1 FROM professionals WHERE email = 'balcao.primeiro@exemplo.com.br'")).toHaveLength(1);
    expect(readRawRows(copy, "SELECT 1 FROM professionals WHERE email LIKE 'demorada.%'")).toHaveLength(people.length - 1);
    expect(readRawRows(copy, "SELECT 1 FROM import_errors WHERE code = 'VERSION_CONFLICT'")).toHaveLength(4);
    expect(cliOn(() => copy).run('audit', 'verify').code).toBe(0);
  }, 120_000);

  it('an import killed between two of its steps is rolled back the next time the store is opened', async () => {
    const copy = copyOf('killed-import');
    const imports = readRawRows(copy, 'SELECT 1 FROM imports').length;
    const people = readRawRows<{ cpf: string; email: string | null }>(copy, 'SELECT cpf, email FROM professionals ORDER BY id LIMIT 3000');
    const file = join(desk.dir, 'interrompida.csv');
    writeFileSync(file, ['CPF;E-mail', ...people.map((p, i) => `${p.cpf};interrompida.${i}@exemplo.com.br`)].join('\r\n'));
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI_BIN, '--db', copy, 'import', 'corrections', file], {
      stdio: 'ignore',
      env: { ...process.env, CRESS_DESK_IMPORT_STEP_ROWS: '300' },
    });
    const exited = new Promise((done) => child.once('exit', done));
    // Kill it once its first steps are in the store, before its last.
    let partial = 0;
    for (let tries = 0; tries < 2000 && partial === 0; tries++) {
      await sleep(5);
      try {
        const marks = readRawRows<{ name: string }>(copy, "SELECT name FROM store_tasks WHERE name LIKE 'import.apply:%'");
        if (marks.length > 0) partial = readRawRows(copy, "SELECT 1 FROM corrections WHERE new_value LIKE 'interrompida.%'").length;
      } catch {
        /* the store is busy being written: look again */
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(partial).toBeGreaterThan(0);
    // The next open (any command) finds the unfinished import and rolls it back.
    expect(cliOn(() => copy).run('info').code).toBe(0);
    expect(readRawRows(copy, "SELECT 1 FROM corrections WHERE new_value LIKE 'interrompida.%'")).toHaveLength(0);
    expect(readRawRows(copy, "SELECT 1 FROM professionals WHERE email LIKE 'interrompida.%'")).toHaveLength(0);
    expect(readRawRows(copy, "SELECT 1 FROM record_history WHERE new_value LIKE 'interrompida.%'")).toHaveLength(0);
    expect(readRawRows(copy, 'SELECT 1 FROM imports')).toHaveLength(imports);
    expect(readRawRows(copy, "SELECT 1 FROM store_tasks WHERE name LIKE 'import.apply:%'")).toHaveLength(0);
    expect(readRawRows(copy, "SELECT 1 FROM audit_log WHERE action = 'import.rollback'")).toHaveLength(1);
    expect(readdirSync(join(desk.dir, 'killed-import')).filter((name) => name.endsWith('.stage'))).toEqual([]);
    expect(cliOn(() => copy).run('audit', 'verify').code).toBe(0);
    // Nothing is left to stop the same file from being imported again.
    const again = cliOn(() => copy).json('import', 'corrections', file);
    expect(again.code, again.stderr).toBe(0);
    expect(readRawRows(copy, "SELECT 1 FROM professionals WHERE email LIKE 'interrompida.%'")).toHaveLength(people.length);
  }, 120_000);
});
