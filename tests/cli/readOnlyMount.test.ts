// A store on a file system mounted read-only (a share, a DVD, a disk the system remounted after an
// error): the system answers "read-only file system", whoever the user is. The desk says the folder
// does not allow writing, naming it — never that the store is damaged, which would send the clerk to
// restore a backup over sound data. The mount is made in a private mount namespace (unshare -m, as
// root); where that is not allowed the test says so and skips.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeError } from '../../db/storeLock';
import { AppError } from '../../shared/errors';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, cliOn, initDesk } from './command';

const desk = cliDesk('cress-cli-rofs-', (d) => initDesk(d, { professionals: 20, seed: 2 }), 60_000);

const COMMANDS = [['info'], ['registry', 'show', '1010'], ['correct', '1010', '--field', 'email', '--value', 'somente@leitura.com.br', '--reason', 'Pedido'], ['backup', 'create', '--out', 'BACKUPS'], ['store', 'check']];

/** Runs each command with --json on the store in `folder`, mounted read-only for them alone; null when no mount can be made here. */
function onReadOnlyMount(folder: string, backups: string): { code: number; body: { error?: { code: string; message: string } } }[] | null {
  const runs = COMMANDS.map((args) => args.map((a) => (a === 'BACKUPS' ? backups : a)))
    .map((args) => `"$NODE" "$CLI" --db "$FOLDER/desk.sqlite" --json ${args.map((a) => `'${a}'`).join(' ')}; echo "@@$?"`)
    .join('\n');
  const script = `mount --bind "$FOLDER" "$FOLDER" && mount -o remount,bind,ro "$FOLDER" || exit 99\n${runs}`;
  const result = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', env: { ...process.env, FOLDER: folder, NODE: process.execPath, CLI: CLI_BIN } });
  if (result.status === 99 || result.error) return null;
  return result.stdout
    .split(/@@(\d+)\n/)
    .reduce<{ code: number; body: { error?: { code: string; message: string } } }[]>((done, part, i, parts) => {
      if (i % 2 === 0 && i + 1 < parts.length) done.push({ code: Number(parts[i + 1]), body: JSON.parse(part) });
      return done;
    }, []);
}

/** Every command refused as a store whose folder does not allow writing, naming it, never as damaged. */
function expectFolderNamedReadOnly(answers: ReturnType<typeof onReadOnlyMount>, folder: string, context: { skip: (skip: boolean, note: string) => void }): void {
  context.skip(answers === null, 'no read-only mount can be made here (unshare -m and mount need root and a kernel that allows mount namespaces).');
  expect(answers).toHaveLength(COMMANDS.length);
  for (const answer of answers ?? []) {
    expect(answer.code).toBe(1);
    expect(answer.body.error?.code).toBe('STORE_READ_ONLY');
    expect(answer.body.error?.message).toContain(`A pasta "${folder}"`);
    expect(answer.body.error?.message).not.toMatch(/danificado\.|Restaure/);
  }
}

describe('a store on a read-only file system', () => {
  it('info, registry show, correct, backup create and store check say the folder does not allow writing, naming it, never that the store is damaged', (context) => {
    const folder = join(desk.dir, 'somente-leitura');
    const backups = join(desk.dir, 'backups');
    mkdirSync(folder);
    mkdirSync(backups);
    copyFileSync(desk.store, join(folder, 'desk.sqlite'));
    expectFolderNamedReadOnly(onReadOnlyMount(folder, backups), folder, context);
  });

  it('with the -wal a desk killed outright left beside it, says the folder does not allow writing, not that the store is damaged', (context) => {
    const folder = join(desk.dir, 'somente-leitura-com-wal');
    const backups = join(desk.dir, 'backups-com-wal');
    mkdirSync(folder);
    mkdirSync(backups);
    // A writer holding the store open with its last write still in the -wal, copied as it is: as a
    // desk killed outright leaves it.
    const writer = openRawStore(desk.store);
    try {
      writer.pragma('wal_autocheckpoint = 0');
      writer.prepare("UPDATE professionals SET email = 'ultima@escrita.com.br' WHERE registration_number = '1011'").run();
      copyFileSync(desk.store, join(folder, 'desk.sqlite'));
      copyFileSync(`${desk.store}-wal`, join(folder, 'desk.sqlite-wal'));
      copyFileSync(`${desk.store}-shm`, join(folder, 'desk.sqlite-shm'));
    } finally {
      writer.close();
    }
    expect(statSync(join(folder, 'desk.sqlite-wal')).size).toBeGreaterThan(0);
    expectFolderNamedReadOnly(onReadOnlyMount(folder, backups), folder, context);
  });

  it('in a folder marked immutable (which refuses even root a new file), says the folder does not allow writing, never that the store is damaged', (context) => {
    const folder = join(desk.dir, 'imutavel');
    mkdirSync(folder);
    const store = join(folder, 'desk.sqlite');
    copyFileSync(desk.store, store);
    const marked = spawnSync('chattr', ['+i', folder], { encoding: 'utf8' });
    context.skip(marked.status !== 0, `no folder can be marked immutable here (chattr +i needs root and a file system that keeps the flag): ${marked.stderr || marked.error?.message}`);
    try {
      const onCopy = cliOn(() => store);
      for (const args of [['info'], ['backup', 'create', '--out', join(desk.dir, 'backups-imutavel')]]) {
        const { code, body } = onCopy.json(...args);
        expect(code).toBe(1);
        expect(body.error?.code).toBe('STORE_READ_ONLY');
        expect(body.error?.message).toContain(`A pasta "${folder}"`);
        expect(body.error?.message).not.toMatch(/danificado\.|Restaure/);
      }
    } finally {
      spawnSync('chattr', ['-i', folder]);
    }
  });

  it('the system’s own "read-only file system" is the store being read-only, never an internal error', () => {
    const store = join(desk.dir, 'desk.sqlite');
    const refused = storeError(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS', path: `${store}-shm` }), store);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('STORE_READ_ONLY');
  });
});
