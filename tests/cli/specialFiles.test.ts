// A path that names no ordinary file — an endless device (/dev/zero, /dev/urandom), a named pipe
// nobody writes to — given to a command that reads a file: it is refused at once, naming it, never
// read forever at full speed nor waited on.
import { spawnSync } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixOnly } from '../posixOnly';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-special-', (d) => initDesk(d, { professionals: 5 }), 60_000);

/** The command, stopped after 20 s when it has not answered by then (status null). */
function runBounded(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('a file to read that is no ordinary file', () => {
  it('batch verify, batch ack, import and backup verify answer at once for /dev/zero, /dev/urandom and a named pipe, naming it', (context) => {
    posixOnly(context, 'devices and named pipes');
    const pipe = join(desk.dir, 'pacote.zip');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    for (const path of ['/dev/zero', '/dev/urandom', pipe]) {
      for (const args of [['batch', 'verify', path], ['batch', 'ack', path], ['import', 'corrections', path], ['backup', 'verify', path]]) {
        const result = runBounded(...args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(3);
        expect(result.stdout + result.stderr, args.join(' ')).toContain(path);
        expect(result.stdout + result.stderr, args.join(' ')).toContain('não é um arquivo comum');
      }
    }
  }, 240_000);

  it('a file the system makes as it is read (/proc) given as a spreadsheet is named so, never as a spreadsheet saved again meanwhile', (context) => {
    posixOnly(context, 'the /proc file system');
    if (!statSync('/proc/self/status', { throwIfNoEntry: false })) return context.skip('no /proc here');
    const result = runBounded('import', 'corrections', '/proc/self/status');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('"/proc/self/status" não é um arquivo comum (o sistema o gera ao ser lido');
    expect(result.stderr).not.toMatch(/alterada enquanto|Excel/);
  });
});

describe('a store that is no ordinary file', () => {
  it('--db naming a named pipe or a device is refused at once, naming it, for init too, and its permissions are left as they were', (context) => {
    posixOnly(context, 'devices and named pipes');
    const pipe = join(desk.dir, 'banco.fifo');
    expect(spawnSync('mkfifo', ['-m', '644', pipe]).status).toBe(0);
    // A device of the test's own (the same as /dev/null): the system's own is never touched.
    const device = join(desk.dir, 'nulo');
    const paths = [pipe];
    if (spawnSync('mknod', [device, 'c', '1', '3']).status === 0) {
      chmodSync(device, 0o666);
      paths.push(device);
    }
    for (const path of paths) {
      const mode = statSync(path).mode & 0o777;
      for (const args of [['info'], ['init', '--region', '9', '--operator', 'Ana Paula'], ['store', 'check']]) {
        const result = spawnSync(process.execPath, [CLI_BIN, '--db', path, ...args], { encoding: 'utf8', timeout: 20_000 });
        expect(result.status, `${path} ${args.join(' ')}: ${result.stderr}`).toBe(1);
        expect(result.stderr).toContain(`"${path}" não é um arquivo comum`);
        expect(result.stderr).not.toMatch(/INTERNAL|Erro interno/);
      }
      expect(statSync(path).mode & 0o777, path).toBe(mode);
    }
  }, 120_000);
});

describe('an attachment that is no ordinary file', () => {
  it('contact attach and contact add --attach answer at once for a named pipe and a folder, naming it, and attach nothing', (context) => {
    posixOnly(context, 'named pipes');
    expect(runBounded('contact', 'add', '1000', '--channel', 'email', '--case', 'F', '--summary', 'Não consegue entrar').code).toBe(0);
    const pipe = join(desk.dir, 'print.png');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    for (const args of [['contact', 'attach', '1', pipe], ['contact', 'add', '1001', '--channel', 'email', '--case', 'F', '--summary', 'Anexo por pipe', '--attach', pipe]]) {
      const result = runBounded(...args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain('print.png');
      // Named as what it is: a named pipe, neither a device nor an image of an unknown type.
      expect(result.stderr).toContain('pipe nomeado (FIFO)');
      expect(result.stderr).not.toMatch(/dispositivo|PNG\/JPEG nem/);
    }
    const folder = runBounded('contact', 'attach', '1', desk.dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/é uma pasta, não um arquivo/);
    expect(runBounded('--json', 'contact', 'show', '1').stdout).toContain('"attachmentList": []');
    expect(runBounded('--json', 'contact', 'list').stdout).toContain('"total": 1');
  }, 120_000);
});

describe('a destination that is no ordinary file', () => {
  it('--out naming a named pipe is refused naming it a named pipe, never a device, and nothing is written into it', (context) => {
    posixOnly(context, 'named pipes');
    const pipe = join(desk.dir, 'saida.xlsx');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    for (const args of [['quality', 'export', '--out', pipe], ['audit', 'export', '--from', '01/01/2026', '--to', '31/12/2026', '--out', pipe]]) {
      const result = runBounded(...args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toContain(`"${pipe}" não é um arquivo comum (é um pipe nomeado (FIFO))`);
      expect(result.stderr).not.toContain('dispositivo');
    }
  }, 60_000);
});

describe('a PIN file that is no ordinary file', () => {
  it('a named pipe given as the operator’s PIN file is refused at once, naming it, and nothing is written', (context) => {
    posixOnly(context, 'named pipes');
    const pipe = join(desk.dir, 'pin.fifo');
    expect(spawnSync('mkfifo', ['-m', '600', pipe]).status).toBe(0);
    const before = runBounded('operator', 'list').stdout;
    const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, 'operator', 'add', 'Beto Lima'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, CRESS_DESK_PIN_FILE: pipe } });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain(`"${pipe}" não é um arquivo comum`);
    expect(runBounded('operator', 'list').stdout).toBe(before);
  }, 60_000);

  it('a big file given as the PIN file is refused as too big to be one, without reading it whole, and nothing is written', () => {
    // 64 MB of a log named by mistake, its first line a valid PIN: it is not taken for the PIN file.
    const big = join(desk.dir, 'registro.log');
    writeFileSync(big, `1234\n${'x'.repeat(64 * 1024 * 1024)}`, { mode: 0o600 });
    const before = runBounded('operator', 'list').stdout;
    const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, 'operator', 'add', 'Beto Lima'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, CRESS_DESK_PIN_FILE: big } });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain(`"${big}" é grande demais para ser o arquivo do PIN`);
    expect(runBounded('operator', 'list').stdout).toBe(before);
  }, 60_000);
});
