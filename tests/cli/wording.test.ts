// What the command line says names things as they are: a folder given where a file is to be written
// or read is called a folder, a system device is not "a file that already exists", a message ends
// with one full stop, and the list of backups does not point at a folder that is not there.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixOnly } from '../posixOnly';
import { cliDesk, initDesk } from './command';

// HOME points into the test folder: the default backup folder (<Documents>/CRESS Desk/Backups) is not there.
const desk = cliDesk('cress-cli-wording-', (d) => initDesk(d, { professionals: 3 }), { timeout: 60_000, env: (dir) => ({ HOME: dir, XDG_DOCUMENTS_DIR: '' }) });

describe('the words of the command line', () => {
  it('key export into a folder says it is a folder, and into a system device that it is no ordinary file', (context) => {
    const folder = join(desk.dir, 'bk');
    mkdirSync(folder);
    const intoFolder = desk.run('key', 'export', '--out', folder);
    expect(intoFolder.code).toBe(1);
    expect(intoFolder.stderr).toContain(`"${folder}" é uma pasta`);
    expect(intoFolder.stderr).not.toContain('Já existe um arquivo');
    posixOnly(context, 'devices');
    const device = desk.run('key', 'export', '--out', '/dev/full');
    expect(device.code).toBe(1);
    expect(device.stderr).toContain('"/dev/full" não é um arquivo comum');
    expect(device.stderr).not.toContain('arquivo full');
  });

  it('a folder named as the PIN file is called a folder, and a PIN badly formed is told in one sentence', () => {
    const folder = join(desk.dir, 'pasta-do-pin');
    mkdirSync(folder, { mode: 0o700 });
    const refused = cliOnPin(folder)('key', 'export', '--out', join(desk.dir, 'chave-1.key'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`"${folder}" é uma pasta, não o arquivo do PIN`);
    expect(refused.stderr).not.toContain('pode ser lido por outras contas');
    const badPin = join(desk.dir, 'pin-errado');
    writeFileSync(badPin, '12a\n', { mode: 0o600 });
    const malformed = cliOnPin(badPin)('key', 'export', '--out', join(desk.dir, 'chave-2.key'));
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('O PIN tem de 4 a 8 algarismos.');
    expect(malformed.stderr).not.toContain('..');
  });

  it('backup list, when the backup folder does not exist, says so instead of saying it lists it', () => {
    const out = join(desk.dir, 'pendrive');
    mkdirSync(out);
    expect(desk.run('backup', 'create', '--out', out).code).toBe(0);
    const listed = desk.run('backup', 'list');
    expect(listed.code).toBe(0);
    const folder = (desk.json('backup', 'list').body as { folder: string }).folder;
    expect(existsSync(folder)).toBe(false);
    expect(listed.stdout.split('\n')[0]).toBe(`Backups this desk made (in any folder); the backup folder ${folder} does not exist.`);
  });
});

function cliOnPin(pinFile: string) {
  return (...args: string[]) => {
    const previous = process.env.CRESS_DESK_PIN_FILE;
    process.env.CRESS_DESK_PIN_FILE = pinFile;
    try {
      return desk.run(...args);
    } finally {
      process.env.CRESS_DESK_PIN_FILE = previous;
    }
  };
}
