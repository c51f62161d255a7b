// A desk killed outright leaves its last writes in the store's -wal. When another copy of the store
// is then put in its place by hand (between runs), that -wal is not the copy's: read together they
// make no sound store, and the next open refuses them. The refusal writes nothing: the copy's bytes
// are as they were put there, so moving the stale -wal away is enough to open it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDesk } from './command';
import { canMountTmpfs, cliAsync, onFullDisk, startHostProcess } from './processes';
import { posixOnly } from '../posixOnly';
import { readRawRows } from '../rawStore';

const desk = cliDesk('cress-stale-log-', (d) => initDesk(d, { professionals: 200, seed: 8 }), 60_000);

/** The copy put in the store's place and the stale -wal beside it, kept by the first test for the second. */
const scenario = () => join(desk.dir, 'copia-e-wal-antigo');

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const cpfs = (store: string) => readRawRows<{ cpf: string }>(store, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);

describe('a copy of the store put beside the -wal of a desk killed outright', () => {
  it('is refused without a byte of it changed, and opens once the stale -wal is moved away', async (context) => {
    posixOnly(context, 'signals');
    const people = cpfs(desk.store);
    // Another copy of the store, which went its own way.
    const other = join(desk.dir, 'outra-copia.sqlite');
    copyFileSync(desk.store, other);
    const onOther = cliOn(() => other);
    for (const cpf of people.slice(0, 5)) expect(onOther.run('correct', cpf, '--field', 'email', '--value', `outra.${cpf}@exemplo.com.br`, '--reason', 'Pedido').code).toBe(0);
    expect(onOther.run('demo', '--professionals', '50', '--seed', '9').code).toBe(0);
    // The desk works while the host holds the store open, and is killed with its writes in the -wal.
    const host = await startHostProcess(desk.store);
    for (const cpf of people.slice(10, 18)) {
      const done = await cliAsync(desk.store, ['correct', cpf, '--field', 'email', '--value', `mesa.${cpf}@exemplo.com.br`, '--reason', 'Pedido']);
      expect(done.code, done.stderr).toBe(0);
    }
    process.kill(host.pid, 'SIGKILL');
    await host.stop();
    expect(statSync(`${desk.store}-wal`).size).toBeGreaterThan(0);
    // The IT person puts the other copy in the store's place.
    copyFileSync(other, desk.store);
    const copied = sha256(desk.store);

    // The examination of the copy leaves nothing in the system's temporary folder (shared with
    // other users, never cleaned when a process is killed) nor beside the store. (Node's own
    // compile cache, which holds no data, is kept out of that folder.)
    const systemTemp = join(desk.dir, 'temp-do-sistema');
    mkdirSync(systemTemp);
    const besideBefore = readdirSync(desk.dir).sort();
    const madeInTemp: string[] = [];
    const watcher = watch(systemTemp, (_event, name) => madeInTemp.push(String(name)));
    const refused = await cliAsync(desk.store, ['info'], { TMPDIR: systemTemp, TMP: systemTemp, TEMP: systemTemp, NODE_DISABLE_COMPILE_CACHE: '1' });
    await new Promise((settled) => setTimeout(settled, 200));
    watcher.close();
    expect(madeInTemp).toEqual([]);
    expect(readdirSync(systemTemp)).toEqual([]);
    expect(readdirSync(desk.dir).sort()).toEqual(besideBefore);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('STORE_CORRUPT');
    expect(refused.stderr).not.toContain('INTERNAL');
    // The copy is sound: the message says the -wal beside it is another copy's, and to move it away.
    expect(refused.stderr).not.toMatch(/danificad|Restaure/);
    expect(refused.stderr).toContain(`"${desk.store}-wal"`);
    expect(refused.stderr).toMatch(/outra cópia/);
    expect(refused.stderr).toMatch(/mova/i);
    expect(desk.run('store', 'check').code).not.toBe(0);
    // Nothing of the stale -wal went into the copy.
    expect(sha256(desk.store)).toBe(copied);
    expect(existsSync(`${desk.store}-wal`)).toBe(true);

    // A leftover of an examination whose process was killed outright goes with the next one.
    const killedExamination = join(desk.dir, '.desk.sqlite.check-999999999-1-Ab12Cd');
    mkdirSync(killedExamination);
    writeFileSync(join(killedExamination, 'store.sqlite'), 'dados');
    expect(desk.run('info').code).toBe(3);
    expect(existsSync(killedExamination)).toBe(false);

    // The copy, its stale -wal and the mark the killed desk left beside them, for the full disk below.
    mkdirSync(scenario());
    for (const name of readdirSync(desk.dir).filter((n) => n.startsWith('desk.sqlite') || n.startsWith('.desk.sqlite.open-'))) copyFileSync(join(desk.dir, name), join(scenario(), name));

    renameSync(`${desk.store}-wal`, join(desk.dir, 'wal-antigo'));
    expect(desk.run('store', 'check').code).toBe(0);
    expect(desk.run('audit', 'verify').code).toBe(0);
    expect(readRawRows<{ n: number }>(desk.store, "SELECT count(*) AS n FROM professionals WHERE email LIKE 'outra.%'")[0]?.n).toBe(5);
  }, 120_000);

  it('with no room beside it for the copy examined, says the disk is full instead of calling the store damaged', (context) => {
    posixOnly(context, 'signals');
    const full = join(desk.dir, 'cheio');
    mkdirSync(full);
    context.skip(!existsSync(scenario()) || !canMountTmpfs(full), 'no stale -wal from the test above, or no small disk to fill here');
    const store = statSync(join(scenario(), 'desk.sqlite')).size;
    const setup = `cp -a "${scenario()}"/. "$FOLDER/"`;
    const size = `${Math.ceil((store + statSync(join(scenario(), 'desk.sqlite-wal')).size) / 1024) + 1024}k`; // the three files and some room
    const outcome = onFullDisk(full, size, 160, setup, `"$NODE" "$CLI" --db "$FOLDER/desk.sqlite" info; echo "EXIT $?"; ls -a "$FOLDER"`);
    expect(outcome.stderr, outcome.stdout).toContain("DISK_FULL");
    expect(outcome.stderr).toContain(`Disco cheio: libere espaço em "${full}"`);
    expect(outcome.stderr).not.toMatch(/danificad|Restaure|INTERNAL/);
    expect(outcome.stdout).toContain('EXIT 1');
    expect(outcome.stdout).not.toContain('.check-');
  }, 60_000);
});
