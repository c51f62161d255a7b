// The file of a backup's passphrase (--passphrase-file) as the council's IT person gets it wrong:
// not there, empty, a folder, a named pipe, a device, a passphrase longer than any. Each is refused at
// once in Portuguese, naming the file, as the input's mistake (exit 1), and nothing is written. A file
// saved by Notepad (a byte-order mark, CRLF, a blank line or a note after it) holds the same
// passphrase as its first line: the backup made with it opens with that passphrase typed in 7-Zip.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixOnly } from '../posixOnly';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-passphrase-', (d) => initDesk(d, { professionals: 3 }), 60_000);

/** The command, stopped after 20 s when it has not answered by then (status null). */
function runBounded(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function expectRefused(passphraseFile: string, words: RegExp): void {
  const folder = join(desk.dir, `destino-${readdirSync(desk.dir).length}`);
  mkdirSync(folder);
  const refused = runBounded('backup', 'create', '--out', folder, '--passphrase-file', passphraseFile);
  expect(refused.code, refused.out).toBe(1);
  expect(refused.out).toContain(`"${resolve(passphraseFile)}"`);
  expect(refused.out).toMatch(words);
  expect(refused.out).not.toMatch(/cannot read|is empty|passphrase:|Usage:/);
  expect(readdirSync(folder)).toEqual([]);
}

describe('a passphrase file that holds no passphrase', () => {
  it('not there, empty, with an empty first line, or a folder: refused in Portuguese, naming it', () => {
    expectRefused(join(desk.dir, 'senha-sumiu.txt'), /não foi encontrado/);
    const empty = join(desk.dir, 'senha-vazia.txt');
    writeFileSync(empty, '', { mode: 0o600 });
    expectRefused(empty, /está vazio/);
    const blankFirst = join(desk.dir, 'senha-linha-em-branco.txt');
    writeFileSync(blankFirst, '\r\nfrase longa e secreta\r\n', { mode: 0o600 });
    expectRefused(blankFirst, /primeira linha .*está vazia/);
    const folder = join(desk.dir, 'pasta-da-senha');
    mkdirSync(folder, { mode: 0o700 });
    expectRefused(folder, /é uma pasta/);
  });

  it('a passphrase shorter than 8 characters for a new backup is refused, as the window refuses it, naming the file', () => {
    const short = join(desk.dir, 'senha-curta.txt');
    writeFileSync(short, 'abc\n', { mode: 0o600 });
    expectRefused(short, /pelo menos 8 caracteres/);
  });

  it('a passphrase longer than 1024 characters is refused naming the file, not as a field of the input', () => {
    const long = join(desk.dir, 'senha-longa.txt');
    writeFileSync(long, `${'x'.repeat(1100)}\n`, { mode: 0o600 });
    expectRefused(long, /mais de 1024 caracteres/);
  });

  it('a named pipe or a device is refused at once, never waited on nor read forever', (context) => {
    posixOnly(context, 'devices and named pipes');
    const pipe = join(desk.dir, 'senha.fifo');
    expect(spawnSync('mkfifo', ['-m', '600', pipe]).status).toBe(0);
    expectRefused(pipe, /não é um arquivo comum/);
    expectRefused('/dev/zero', /não é um arquivo comum/);
  });
});

describe('a passphrase file saved by a text editor', () => {
  it('with a byte-order mark, CRLF and a note on the next line holds its first line: the backup verifies with that passphrase alone', () => {
    const folder = join(desk.dir, 'notepad');
    mkdirSync(folder);
    const saved = join(desk.dir, 'senha-notepad.txt');
    writeFileSync(saved, '\uFEFFfrase longa e secreta\r\n\r\nanotação: combinada em 03/12\r\n', { mode: 0o600 });
    const made = runBounded('--json', 'backup', 'create', '--out', folder, '--passphrase-file', saved);
    expect(made.code, made.out).toBe(0);
    const file = join(folder, readdirSync(folder)[0]!);
    const typed = join(desk.dir, 'senha-digitada.txt');
    writeFileSync(typed, 'frase longa e secreta', { mode: 0o600 });
    const verified = runBounded('backup', 'verify', file, '--passphrase-file', typed);
    expect(verified.code, verified.out).toBe(0);
  });

  it('saved as "Unicode" (UTF-16) or as "ANSI" (Windows-1252) holds the passphrase as typed: the backup verifies with it written in UTF-8', () => {
    for (const [name, bytes, typed] of [
      ['senha-unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('frase longa e secreta\r\n', 'utf16le')]), 'frase longa e secreta'],
      ['senha-ansi.txt', Buffer.from('senha da coordenação\r\n', 'latin1'), 'senha da coordenação'],
    ] as const) {
      const folder = join(desk.dir, `codificacao-${name}`);
      mkdirSync(folder);
      const saved = join(desk.dir, name);
      writeFileSync(saved, bytes, { mode: 0o600 });
      const made = runBounded('backup', 'create', '--out', folder, '--passphrase-file', saved);
      expect(made.code, made.out).toBe(0);
      const file = join(folder, readdirSync(folder)[0]!);
      const utf8 = join(desk.dir, `${name}.utf8`);
      writeFileSync(utf8, `${typed}\n`, { mode: 0o600 });
      const verified = runBounded('backup', 'verify', file, '--passphrase-file', utf8);
      expect(verified.code, verified.out).toBe(0);
    }
  });

  it('given on the standard input (--passphrase-file /dev/stdin, as a password manager pipes it) is read, not refused as a device', (context) => {
    posixOnly(context, 'devices and named pipes');
    const folder = join(desk.dir, 'stdin');
    mkdirSync(folder);
    const made = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, 'backup', 'create', '--out', folder, '--passphrase-file', '/dev/stdin'], {
      encoding: 'utf8',
      input: 'frase longa e secreta\n',
      timeout: 20_000,
    });
    expect(made.status, made.stderr).toBe(0);
    const typed = join(desk.dir, 'senha-stdin.txt');
    writeFileSync(typed, 'frase longa e secreta\n', { mode: 0o600 });
    const verified = runBounded('backup', 'verify', join(folder, readdirSync(folder)[0]!), '--passphrase-file', typed);
    expect(verified.code, verified.out).toBe(0);
  });
});

describe('a backup made by an earlier version from a passphrase file in another encoding', () => {
  it('still opens with that same file: read as now first, then as the earlier version read it', () => {
    // Earlier versions read the file as UTF-8 whatever it was: a Windows-1252 "á" became U+FFFD,
    // and that is the passphrase the backup was encrypted with.
    const asEarlier = join(desk.dir, 'senha-como-antes.txt');
    writeFileSync(asEarlier, 'senh\uFFFD do conselho\n', { mode: 0o600 });
    const folder = join(desk.dir, 'backup-antigo');
    mkdirSync(folder);
    const made = runBounded('backup', 'create', '--out', folder, '--passphrase-file', asEarlier);
    expect(made.code, made.out).toBe(0);
    const backup = join(folder, readdirSync(folder)[0] as string);
    const sameFile = join(desk.dir, 'senha-1252.txt');
    writeFileSync(sameFile, Buffer.from('senh\xe1 do conselho\r\n', 'latin1'), { mode: 0o600 });
    const verified = runBounded('backup', 'verify', backup, '--passphrase-file', sameFile);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/Backup valid/);
    // A passphrase that is wrong either way is still said to be wrong.
    const wrong = join(desk.dir, 'senha-errada.txt');
    writeFileSync(wrong, Buffer.from('outr\xe1 senha qualquer\r\n', 'latin1'), { mode: 0o600 });
    const refused = runBounded('backup', 'verify', backup, '--passphrase-file', wrong);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/Senha incorreta/);
  });
});

describe('a backup with a passphrase opened without --passphrase-file', () => {
  it('verify and restore say to give it with --passphrase-file, and nothing is restored', () => {
    const passphrase = join(desk.dir, 'senha-do-backup.txt');
    writeFileSync(passphrase, 'frase longa e secreta\n', { mode: 0o600 });
    const folder = join(desk.dir, 'backup-com-senha');
    mkdirSync(folder);
    expect(runBounded('backup', 'create', '--out', folder, '--passphrase-file', passphrase).code).toBe(0);
    const backup = join(folder, readdirSync(folder)[0] as string);
    for (const command of ['verify', 'restore'] as const) {
      const refused = runBounded('backup', command, backup, ...(command === 'restore' ? ['--yes'] : []));
      expect(refused.code, refused.out).toBe(1);
      expect(refused.out).toMatch(/protegido por senha: informe a senha usada ao criá-lo\. Give it with --passphrase-file FILE/);
    }
    expect(readdirSync(desk.dir).some((name) => name.includes('before-restore'))).toBe(false);
  });
});
