// A restore needs the store alone, whatever the other program is doing with it: a corrections
// import being checked and written in steps (its connections, its writer thread's, its staging
// file), or the browser host that has just made a backup. Each keeps the restore out for as long as
// it has the store open, and what it writes lands in the store, not in the copy set aside.
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDeskWithBackup } from './command';
import { cliAsync, saveEmailThroughHost, startHostProcess } from './processes';
import { openRawStore, readRawRows } from '../rawStore';

const IN_USE = 'O banco está aberto em outro programa: feche o CRESS Desk e tente de novo';
const PEOPLE = 3000;
let backup: string;

const read = <T>(path: string, sql: string): T[] => readRawRows<T>(path, sql);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const desk = cliDesk(
  'cress-restore-in-use-',
  (d) => {
    backup = initDeskWithBackup(d, { professionals: PEOPLE, seed: 5 });
  },
  120_000,
);

const asideCopies = () => readdirSync(desk.dir).filter((name) => name.includes('before-restore'));

describe('a restore is refused while another program has the store open', () => {
  it('while a corrections import is checked and written in another process, every restore is refused and the import lands in the store', async () => {
    const people = read<{ cpf: string }>(desk.store, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);
    // Each person four times, a different field each round.
    const lines = ['CPF;E-mail;Complemento;Número;Bairro;Motivo'];
    for (let round = 0; round < 4; round++) {
      people.forEach((cpf, i) => {
        const cells = ['', '', '', ''];
        cells[round] = [`restauracao.${i}@exemplo.com.br`, `Sala ${i}`, String(5000 + i), `Bairro ${i}`][round] as string;
        lines.push(`${cpf};${cells.join(';')};Pedido no balcão`);
      });
    }
    const file = join(desk.dir, 'durante.csv');
    writeFileSync(file, lines.join('\r\n'));
    const queued = read(desk.store, 'SELECT 1 FROM corrections').length;
    // Small steps: the import is written for a good while, in many transactions.
    const importing = cliAsync(desk.store, ['--json', 'import', 'corrections', file], { CRESS_DESK_IMPORT_STEP_ROWS: '40' });
    let importDone = false;
    void importing.then(() => (importDone = true));
    // Once the import holds its staging file (its writer thread has the store open), and again and
    // again while it checks and writes: every restore that answers before the import ends is refused.
    for (let tries = 0; tries < 1000 && !importDone && !readdirSync(desk.dir).some((name) => name.endsWith('.stage')); tries++) await sleep(10);
    const restores: { code: number | null; stderr: string }[] = [];
    let late: { code: number | null } | null = null;
    while (!importDone && restores.length < 3) {
      const restore = await cliAsync(desk.store, ['backup', 'restore', backup, '--yes']);
      // One that waited for the import to let go may then have gone through: the import is in the copy set aside.
      if (importDone) late = restore;
      else restores.push(restore);
    }
    const result = await importing;
    expect(result.code, result.stderr + result.stdout.slice(0, 2000)).toBe(0);
    expect(restores.length).toBeGreaterThan(0);
    for (const restore of restores) {
      expect(restore.code, restore.stderr).toBe(1);
      expect(restore.stderr).toContain(IN_USE);
    }
    const aside = late?.code === 0 ? join(desk.dir, asideCopies()[0] as string) : null;
    const written = aside ?? desk.store;
    expect(read(written, 'SELECT 1 FROM corrections')).toHaveLength(queued + lines.length - 1);
    expect(cliOn(() => written).run('audit', 'verify').code).toBe(0);
    expect(cliOn(() => written).run('store', 'check').code).toBe(0);
    if (aside) {
      // Back to the store the import wrote, for the next test.
      rmSync(desk.store);
      renameSync(aside, desk.store);
    }
    expect(asideCopies()).toEqual([]);
  }, 180_000);

  it('the browser host keeps a restore out after it made a backup, and its next correction is kept', async () => {
    const before = read(desk.store, 'SELECT 1 FROM corrections').length;
    // The backup folder is the desk's own setting (the app's folder dialog); here it is set directly.
    const db = openRawStore(desk.store);
    db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x') ON CONFLICT (id) DO UPDATE SET folder = excluded.folder").run(join(desk.dir, 'backups'));
    db.close();
    const host = await startHostProcess(desk.store);
    try {
      const started = await host.invoke('backups:create', { passphrase: null });
      expect(started.ok, JSON.stringify(started.error)).toBe(true);
      const jobId = (started.value as { jobId: string }).jobId;
      let state = 'running';
      for (let tries = 0; tries < 600 && state === 'running'; tries++) {
        await sleep(100);
        state = ((await host.invoke('jobs:status', { id: jobId })).value as { state: string }).state;
      }
      expect(state).toBe('done');
      const restore = await cliAsync(desk.store, ['backup', 'restore', backup, '--yes']);
      expect(restore.code, restore.stderr).toBe(1);
      expect(restore.stderr).toContain(IN_USE);
      const cpf = read<{ cpf: string }>(desk.store, 'SELECT cpf FROM professionals ORDER BY id LIMIT 1 OFFSET 7')[0]?.cpf as string;
      const saved = await saveEmailThroughHost(host, cpf, 'depois.do.backup@exemplo.com.br');
      expect(saved?.ok, JSON.stringify(saved?.error)).toBe(true);
    } finally {
      await host.stop();
    }
    expect(asideCopies()).toEqual([]);
    expect(read(desk.store, 'SELECT 1 FROM corrections')).toHaveLength(before + 1);
    expect(cliOn(() => desk.store).run('audit', 'verify').code).toBe(0);
  }, 120_000);
});
