// A desk killed outright leaves its last writes in the store's -wal. When another copy of the store
// is then put in its place by hand (between runs), that -wal is not the copy's: read together they
// make no sound store, and the next open refuses them. The refusal writes nothing: the copy's bytes
// are as they were put there, so moving the stale -wal away is enough to open it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDesk } from './command';
import { cliAsync, startHostProcess } from './processes';
import { posixOnly } from '../posixOnly';
import { readRawRows } from '../rawStore';

const desk = cliDesk('cress-stale-log-', (d) => initDesk(d, { professionals: 200, seed: 8 }), 60_000);

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

    const refused = desk.run('info');
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

    renameSync(`${desk.store}-wal`, join(desk.dir, 'wal-antigo'));
    expect(desk.run('store', 'check').code).toBe(0);
    expect(desk.run('audit', 'verify').code).toBe(0);
    expect(readRawRows<{ n: number }>(desk.store, "SELECT count(*) AS n FROM professionals WHERE email LIKE 'outra.%'")[0]?.n).toBe(5);
  }, 120_000);
});
