// The key file the command line reads (CRESS_DESK_KEY_FILE) as the council's IT may point at it by
// mistake: a folder, a named pipe, a large file. Each is refused at once, naming the path and what
// it is, and left as it was (its permissions too); a recovery key the IT person opened and saved
// in a text editor (a byte-order mark, CRLF, spaces, capital hex digits) still opens the store.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, requireBuiltCli } from './command';

let dir: string;
let store: string;
let keyFile: string;

function run(key: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', store, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CRESS_DESK_KEY_FILE: key },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'cress-key-kinds-'));
  store = join(dir, 'desk.sqlite');
  keyFile = join(dir, 'desk.key');
  expect(run(keyFile, 'init', '--region', '9', '--operator', 'Ana Paula').code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a key file that is no key file', () => {
  it('a folder is refused as a folder, and its permissions are left alone', () => {
    const folder = join(dir, 'chaves');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    const result = run(folder, 'info');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`"${folder}"`);
    expect(result.stderr).toMatch(/é uma pasta, não um arquivo/);
    expect(result.stderr).not.toMatch(/EISDIR/);
    if (process.platform !== 'win32') expect(statSync(folder).mode & 0o777).toBe(0o755);
  });

  it('a named pipe is refused at once, never waited on, and its permissions are left alone', (context) => {
    if (process.platform === 'win32') return context.skip('named pipes in the file system are POSIX only');
    const pipe = join(dir, 'chave.fifo');
    const made = spawnSync('mkfifo', ['-m', '644', pipe]);
    if (made.status !== 0) return context.skip('mkfifo is not available here');
    const result = run(pipe, 'info');
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`"${pipe}"`);
    expect(result.stderr).toMatch(/não é um arquivo comum/);
    expect(statSync(pipe).mode & 0o777).toBe(0o644);
    // Handed as the recovery key of a backup, it is refused the same way.
    const recovery = run(keyFile, 'backup', 'verify', join(dir, 'nenhum.zip'), '--key-file', pipe);
    expect(recovery.timedOut).toBe(false);
  });

  it('a large file is refused as too large to be a key, without reading it whole', () => {
    const large = join(dir, 'planilha.xlsx');
    writeFileSync(large, Buffer.alloc(5 * 1024 * 1024, 1), { mode: 0o600 });
    const result = run(large, 'info');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/grande demais para ser uma chave/);
  });
});

describe('a recovery key file (--key-file) that is no key file', () => {
  it('a folder is refused as a folder, naming it, as the clerk\'s mistake and never as a damaged backup or a wrong key', () => {
    const backups = join(dir, 'backups-pasta');
    mkdirSync(backups);
    expect(run(keyFile, 'backup', 'create', '--out', backups).code).toBe(0);
    const file = join(backups, spawnSync('ls', [backups], { encoding: 'utf8' }).stdout.trim());
    const folder = join(dir, 'chave-recuperacao');
    mkdirSync(folder);
    for (const command of [['verify'], ['restore', '--yes']]) {
      const result = run(keyFile, 'backup', command[0]!, file, '--key-file', folder, ...command.slice(1));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`"${folder}" é uma pasta, não um arquivo`);
      expect(result.stdout + result.stderr).not.toMatch(/danificad|BACKUP INVALID|BACKUP_INVALID|STORE_KEY|não pôde ser lido como chave/);
    }
  });

  it('an empty path (a script whose variable was not set) asks for the file, never names the folder the command runs in', () => {
    const result = run(keyFile, 'backup', 'verify', join(dir, 'nenhum.zip'), '--key-file', '');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/informe o arquivo da chave de recuperação/);
    expect(result.stderr).not.toMatch(/é uma pasta/);
  });

  it('a file that is not there is said not to be there, naming it', () => {
    const missing = join(dir, 'recuperacao-sumiu.key');
    const result = run(keyFile, 'backup', 'verify', join(dir, 'nenhum.zip'), '--key-file', missing);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`"${missing}"`);
    expect(result.stderr).toMatch(/não foi encontrado/);
  });
});

describe('a key file saved again by a text editor', () => {
  it('with a byte-order mark, CRLF line ends, spaces around the lines and capital hex digits still opens the store', () => {
    const [header, hex] = readFileSync(keyFile, 'utf8').split('\n') as [string, string];
    const edited = join(dir, 'editada.key');
    writeFileSync(edited, `\uFEFF${header} \r\n  ${hex.toUpperCase()}  \r\n\r\n`, { mode: 0o600 });
    const result = run(edited, 'info');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const recovered = join(dir, 'recuperacao.key');
    writeFileSync(recovered, `\uFEFF${header}\r\n${hex.toUpperCase()}\r\n`, { mode: 0o600 });
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    expect(run(keyFile, 'backup', 'create', '--out', backups).code).toBe(0);
    const file = join(backups, spawnSync('ls', [backups], { encoding: 'utf8' }).stdout.trim());
    const verified = run(keyFile, 'backup', 'verify', file, '--key-file', recovered);
    expect(verified.stdout + verified.stderr).not.toMatch(/não é uma chave de recuperação/);
    expect(verified.code).toBe(0);
    // Saved as "Unicode" (UTF-16 with its mark), as Notepad offers it.
    const unicode = join(dir, 'recuperacao-unicode.key');
    writeFileSync(unicode, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\r\n${hex}\r\n`, 'utf16le')]), { mode: 0o600 });
    const fromUnicode = run(keyFile, 'backup', 'verify', file, '--key-file', unicode);
    expect(fromUnicode.stdout + fromUnicode.stderr).not.toMatch(/não é uma chave de recuperação/);
    expect(fromUnicode.code).toBe(0);
  });
});

describe('a key file other accounts of the computer could read', () => {
  it('is narrowed to its owner and still opens the store, and the command says so once: whoever read it meanwhile can use the key', (context) => {
    context.skip(process.platform === 'win32', 'file modes are POSIX');
    const open = join(dir, 'aberta.key');
    writeFileSync(open, readFileSync(keyFile));
    chmodSync(open, 0o644);
    const first = run(open, 'info');
    expect(first.code).toBe(0);
    expect(statSync(open).mode & 0o777).toBe(0o600);
    expect(first.stderr).toContain(`Warning: the key file ${open} could be read by other accounts of this computer; it is now readable by its owner only (0600).`);
    expect(run(open, 'info').stderr).toBe('');
  });
});
