// What a clerk sees when the computer will not let the desk write its store, or read or write a file
// named on the command line: a message in Portuguese naming the file or folder, exit 1 (3 for a
// file that cannot be read, as for any import of an unreadable file; 2 for an empty --out), no stack
// trace, no internal error, and nothing written. Some need a user whom file permissions bind:
// otherUser.ts, which says why such tests skip where there is none.
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk, cliOn, initDesk, type CliResult } from './command';
import { runBuilt, unprivileged } from './otherUser';
import { smallPng } from '../fixtures/images';

const desk = cliDesk(
  'cress-cli-perm-',
  (d) => {
    initDesk(d, { professionals: 50 });
    expect(d.run('correct', '1010', '--field', 'email', '--value', 'y1010@example.com', '--reason', 'Pedido da profissional').code).toBe(0);
    expect(d.run('batch', 'create').code).toBe(0);
    expect(d.run('batch', 'seal', '2026-0001').code).toBe(0);
  },
  60_000,
);

const user = unprivileged();
/** Where the copies the command's user works on live: a folder that user may enter. */
let shared = '';
beforeAll(() => {
  shared = mkdtempSync(join(tmpdir(), 'cress-cli-perm-user-'));
  chmodSync(shared, 0o755);
});
afterAll(() => {
  // Folders a test made read-only are made writable again so that they can be removed.
  for (const name of readdirSync(shared)) chmodSync(join(shared, name), 0o755);
  rmSync(shared, { recursive: true, force: true });
  user.cleanup();
});

interface DeskCopy {
  folder: string;
  store: string;
  /** The variables the command needs on this copy: its keys, the PIN file, a HOME. */
  env: NodeJS.ProcessEnv;
}

/** A copy of the test desk — its store, its keys and the PIN file — in a folder of its own, owned by the command's user. */
function copyOfDesk(name: string): DeskCopy {
  const folder = join(shared, name);
  mkdirSync(folder);
  const store = join(folder, 'store.sqlite');
  copyFileSync(desk.store, store);
  const env: NodeJS.ProcessEnv = { HOME: folder };
  for (const [variable, file] of [
    ['CRESS_DESK_KEY_FILE', 'store.key'],
    ['CRESS_DESK_AUDIT_KEY_FILE', 'audit.key'],
    ['CRESS_DESK_PIN_FILE', 'operator.pin'],
  ] as const) {
    copyFileSync(process.env[variable] as string, join(folder, file));
    chmodSync(join(folder, file), 0o600);
    env[variable] = join(folder, file);
  }
  user.own(folder);
  return { folder, store, env };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** What the store holds that a write would change: corrections and audit entries. */
function contents(store: string): { corrections: number; entries: number } {
  const db = openRawStore(store, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { corrections: count('corrections'), entries: count('audit_log') };
  } finally {
    db.close();
  }
}

const CORRECTION = ['correct', '1010', '--field', 'email', '--value', 'z1010@example.com', '--reason', 'Pedido da profissional'];

/** A refusal the clerk can act on: the exit status, the code, the words naming the path, and nothing of a crash. */
function expectRefusal(result: CliResult, exit: number, code: string, ...words: string[]): void {
  expect(result.code, result.stderr).toBe(exit);
  expect(result.stderr).toContain(`[${code}]`);
  for (const text of words) expect(result.stderr).toContain(text);
  expect(result.stderr).not.toMatch(/INTERNAL|Erro interno|\n\s+at /);
}

/** The --json document's error: its code, and details that carry no text of the system in English. */
function expectJsonRefusal(result: CliResult, code: string): void {
  const body = JSON.parse(result.stdout) as { error: { code: string; message: string; details?: unknown } };
  expect(body.error.code).toBe(code);
  expect(JSON.stringify(body.error)).not.toMatch(/attempt to|readonly database|illegal operation|permission denied|no such file|EISDIR|EACCES|ENOENT|EROFS/i);
}

describe('a store the user may read but not write', () => {
  it('one its owner made read-only (0444) is refused for writing, naming the file, and stays read-only (its own alone) and as it was; reading it still works', () => {
    const copy = copyOfDesk('somente-leitura');
    chmodSync(copy.store, 0o444);
    const before = { sha: sha256(copy.store), contents: contents(copy.store) };
    const cli = cliOn(() => copy.store, () => copy.env);

    const refused = cli.run(...CORRECTION);
    expectRefusal(refused, 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}" não permite gravação`, 'Nada foi gravado');
    expectJsonRefusal(cli.run('--json', ...CORRECTION), 'STORE_READ_ONLY');
    expect(cli.run('info')).toMatchObject({ code: 0, stdout: expect.stringContaining('Professionals: 50') });

    expect(modeOf(copy.store)).toBe(0o400);
    expect(sha256(copy.store)).toBe(before.sha);
    expect(contents(copy.store)).toEqual(before.contents);
  });

  it('is still backed up, but a lote exported from it leaves no package and a restore over it is refused, the store kept', () => {
    const copy = copyOfDesk('somente-leitura-backup');
    const backups = join(copy.folder, 'backups');
    const packages = join(copy.folder, 'lotes');
    mkdirSync(backups);
    mkdirSync(packages);
    chmodSync(copy.store, 0o444);
    const before = { sha: sha256(copy.store), contents: contents(copy.store) };
    const cli = cliOn(() => copy.store, () => copy.env);

    const backup = cli.json('backup', 'create', '--out', backups);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.body).toMatchObject({ verified: true, file: expect.stringContaining(backups) });
    expectRefusal(cli.run('batch', 'export', '2026-0001', '--out', packages), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}"`);
    expect(readdirSync(packages)).toEqual([]);
    expectRefusal(cli.run('backup', 'restore', backup.body.file, '--yes'), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}"`);
    expect(readdirSync(copy.folder).filter((name) => name.includes('restore'))).toEqual([]);

    expect(modeOf(copy.store)).toBe(0o400);
    expect(sha256(copy.store)).toBe(before.sha);
    expect(contents(copy.store)).toEqual(before.contents);
  });

  it('the pendências and the registry exported from it leave no spreadsheet behind: the trail cannot say they left, so they do not', () => {
    const copy = copyOfDesk('somente-leitura-exportacoes');
    const exports = join(copy.folder, 'exportacoes');
    mkdirSync(exports);
    chmodSync(copy.store, 0o444);
    const cli = cliOn(() => copy.store, () => copy.env);
    expectRefusal(cli.run('quality', 'export', '--out', join(exports, 'pendencias.xlsx')), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}"`, 'Nada foi gravado');
    expectRefusal(cli.run('registry', 'export', '--since', '01/01/2020', '--out', join(exports, 'cadastro.xlsx')), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}"`);
    expect(readdirSync(exports)).toEqual([]);
  });

  it("an atendimento's forward and its attachment saved from it leave no file behind either", () => {
    const copy = copyOfDesk('somente-leitura-atendimentos');
    const exports = join(copy.folder, 'saida');
    mkdirSync(exports);
    const cli = cliOn(() => copy.store, () => copy.env);
    const png = join(copy.folder, 'tela.png');
    writeFileSync(png, smallPng());
    expect(cli.run('contact', 'settings', '--implanta-email', 'suporte@implanta.net.br').code).toBe(0);
    const added = cli.json('contact', 'add', '1010', '--channel', 'email', '--case', 'C', '--summary', 'Página de erro', '--attach', png);
    expect(added.code, added.stderr).toBe(0);
    user.own(copy.folder);
    chmodSync(copy.store, 0o444);
    const protocol = added.body.protocol as string;
    const attachment = String(added.body.attachmentList[0].id);
    expectRefusal(cli.run('contact', 'attachment', attachment, '--out', join(exports, 'tela.png')), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}"`);
    expectRefusal(cli.run('contact', 'forward', protocol, '--out', exports), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}"`);
    expect(readdirSync(exports)).toEqual([]);
  });

  it('once its owner makes it writable again, a write goes through: nothing the read-only sessions left beside it keeps it read-only', (context) => {
    context.skip(user.unavailable !== null, user.unavailable ?? '');
    const copy = copyOfDesk('de-novo-gravavel');
    const env = { ...copy.env, CRESS_DESK_DB: copy.store };
    chmodSync(copy.store, 0o444);
    expect(user.run(['info'], env, copy.folder).code).toBe(0);
    expectRefusal(user.run(CORRECTION, env, copy.folder), 1, 'STORE_READ_ONLY');
    chmodSync(copy.store, 0o600);
    const saved = user.run(CORRECTION, env, copy.folder);
    expect(saved.code, saved.stderr).toBe(0);
    expect(contents(copy.store).corrections).toBe(contents(desk.store).corrections + 1);
  });

  it("one of another user (0644) is refused for writing the same way, and reading it still works", (context) => {
    context.skip(!user.other, user.unavailable ?? 'the tests run as an ordinary user: only root can give the store to another user.');
    const copy = copyOfDesk('de-outro-usuario');
    chownSync(copy.store, 0, 0);
    chmodSync(copy.store, 0o644);
    const before = { sha: sha256(copy.store), contents: contents(copy.store) };

    expectRefusal(user.run(CORRECTION, { ...copy.env, CRESS_DESK_DB: copy.store }, copy.folder), 1, 'STORE_READ_ONLY', `O arquivo de dados "${copy.store}" não permite gravação`);
    expectJsonRefusal(user.run(['--json', ...CORRECTION], { ...copy.env, CRESS_DESK_DB: copy.store }, copy.folder), 'STORE_READ_ONLY');
    expect(user.run(['info'], { ...copy.env, CRESS_DESK_DB: copy.store }, copy.folder)).toMatchObject({ code: 0, stdout: expect.stringContaining('Professionals: 50') });

    expect(modeOf(copy.store)).toBe(0o644);
    expect(sha256(copy.store)).toBe(before.sha);
    expect(contents(copy.store)).toEqual(before.contents);
  });
});

describe('a store whose folder the user may not write', () => {
  it('info and audit verify say the folder does not allow writing — not that the store is damaged — and the store is left as it was', (context) => {
    context.skip(user.unavailable !== null, user.unavailable ?? '');
    const copy = copyOfDesk('pasta-somente-leitura');
    const before = sha256(copy.store);
    chmodSync(copy.folder, 0o555);
    const env = { ...copy.env, CRESS_DESK_DB: copy.store };
    try {
      for (const args of [['info'], ['audit', 'verify'], CORRECTION]) {
        const result = user.run(args, env, shared);
        expectRefusal(result, 1, 'STORE_READ_ONLY', `A pasta "${copy.folder}"`, 'não permite gravação', 'não está danificado');
        expect(result.stderr).not.toMatch(/STORE_CORRUPT|Restaure/);
      }
      expectJsonRefusal(user.run(['--json', 'info'], env, shared), 'STORE_READ_ONLY');
    } finally {
      chmodSync(copy.folder, 0o755);
    }
    expect(readdirSync(copy.folder).sort()).toEqual(['audit.key', 'operator.pin', 'store.key', 'store.sqlite']);
    expect(sha256(copy.store)).toBe(before);
  });
});

describe('a restore over a store whose folder the user may not write', () => {
  it('is refused before anything is made, naming the folder — never an internal error — and the store is left as it was', (context) => {
    context.skip(user.unavailable !== null, user.unavailable ?? '');
    const copy = copyOfDesk('restaurar-em-pasta-somente-leitura');
    const backups = join(copy.folder, 'backups');
    mkdirSync(backups);
    user.own(backups);
    const env = { ...copy.env, CRESS_DESK_DB: copy.store };
    const made = user.run(['--json', 'backup', 'create', '--out', backups], env, shared);
    expect(made.code, made.stderr).toBe(0);
    const file = (JSON.parse(made.stdout) as { file: string }).file;
    const before = sha256(copy.store);
    const names = readdirSync(copy.folder).sort();
    chmodSync(copy.folder, 0o555);
    try {
      const result = user.run(['backup', 'restore', file, '--yes'], env, shared);
      // Named by the store's open (it cannot make its -wal there) or, with those files already there, by the restore's own check.
      expectRefusal(result, 1, 'STORE_READ_ONLY', `A pasta "${copy.folder}"`);
      expect(result.stderr).toMatch(/não permite (gravação|criar arquivos)/);
    } finally {
      chmodSync(copy.folder, 0o755);
    }
    expect(readdirSync(copy.folder).sort()).toEqual(names);
    expect(sha256(copy.store)).toBe(before);
  });
});

describe('a file to read that is a folder, or that the user may not read', () => {
  it('batch ack and import registry of a folder are refused like an unreadable import, naming the folder', () => {
    const folder = join(desk.dir, 'uma-pasta');
    mkdirSync(folder);
    const before = contents(desk.store);
    for (const args of [
      ['batch', 'ack', folder],
      ['import', 'registry', folder],
    ]) {
      expectRefusal(desk.run(...args), 3, 'FILE_UNREADABLE', `"${folder}" é uma pasta`);
      expectJsonRefusal(desk.run('--json', ...args), 'FILE_UNREADABLE');
    }
    expect(contents(desk.store)).toEqual(before);
  });

  it('batch ack and import registry of a file the user may not read are refused the same way, naming the file', (context) => {
    context.skip(user.unavailable !== null, user.unavailable ?? '');
    const copy = copyOfDesk('leitor');
    const locked = join(shared, 'retorno.csv');
    writeFileSync(locked, 'id;situação;mensagem\n');
    chmodSync(locked, 0o000);
    const env = { ...copy.env, CRESS_DESK_DB: copy.store };
    for (const args of [
      ['batch', 'ack', locked],
      ['import', 'registry', locked],
    ]) {
      expectRefusal(user.run(args, env, copy.folder), 3, 'FILE_UNREADABLE', `"${locked}"`, 'permissão');
      expectJsonRefusal(user.run(['--json', ...args], env, copy.folder), 'FILE_UNREADABLE');
    }
  });
});

describe('a destination that does not take the package', () => {
  const stateOf = (cli: ReturnType<typeof cliOn>) => (cli.json('batch', 'list').body as { items: { state: string }[] }).items[0]?.state;

  it('batch export into a folder where no file can be made (/proc) says the folder does not take writes, and the batch stays sealed', (context) => {
    context.skip(!existsSync('/proc/self'), 'there is no /proc here.');
    const result = desk.run('batch', 'export', '2026-0001', '--out', '/proc');
    expectRefusal(result, 1, 'BATCH_DESTINATION_INVALID', 'A pasta "/proc" não aceita gravação');
    expectJsonRefusal(desk.run('--json', 'batch', 'export', '2026-0001', '--out', '/proc'), 'BATCH_DESTINATION_INVALID');
    expect(stateOf(desk)).toBe('sealed');
  });

  it('batch export into a folder the user may not write says so the same way, and leaves nothing there', (context) => {
    context.skip(user.unavailable !== null, user.unavailable ?? '');
    const copy = copyOfDesk('exportador');
    const closed = join(shared, 'pasta-alheia');
    mkdirSync(closed);
    chmodSync(closed, 0o555);
    const result = user.run(['batch', 'export', '2026-0001', '--out', closed], { ...copy.env, CRESS_DESK_DB: copy.store }, copy.folder);
    expectRefusal(result, 1, 'BATCH_DESTINATION_INVALID', `A pasta "${closed}" não aceita gravação`);
    expect(readdirSync(closed)).toEqual([]);
  });

  it('an empty --out (or --report) is wrong usage, for every command that writes a file, and nothing is written in the current folder', () => {
    const here = join(desk.dir, 'aqui');
    mkdirSync(here);
    for (const args of [
      ['batch', 'export', '2026-0001', '--out', ''],
      ['backup', 'create', '--out', ''],
      ['registry', 'export', '--since', '01/01/2020', '--out', ''],
      ['quality', 'export', '--out', ''],
      ['key', 'export', '--out', ''],
      ['audit', 'export', '--from', '01/01/2020', '--to', '31/12/2030', '--out', ''],
      ['contact', 'forward', '1', '--out', ''],
      ['contact', 'message', '1', '--template', 'synced', '--out', ''],
      ['contact', 'attachment', '1', '--out', ''],
      ['import', 'corrections', join(desk.dir, 'correcoes.csv'), '--report', ''],
    ]) {
      const result = runBuilt(['--db', desk.store, ...args], {}, here);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/--(out|report) must not be empty/);
      expect(readdirSync(here), args.join(' ')).toEqual([]);
    }
    expect(stateOf(desk)).toBe('sealed');
  });
});
