// A named pipe (FIFO) given where a file was expected is called what it is — a named pipe — never
// "a device of the system": when it is where a file was to be saved (`--out`), when it is given as
// an attachment, as a file to read, or as a backup.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAttachment } from '../../db/contacts/attachmentFile';
import { alreadyThere } from '../../db/fileGrants';
import { openToRead } from '../../db/fileRefusals';
import { posixOnly } from '../posixOnly';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-fifo-words-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fifo(name: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('a named pipe where a file was expected', () => {
  it('as the file to save (--out): named a named pipe, not a device', (context) => {
    posixOnly(context, 'named pipes');
    const message = alreadyThere(fifo('saida.xlsx')).message;
    expect(message).toContain('pipe nomeado (FIFO)');
    expect(message).not.toContain('dispositivo');
  });

  it('as an attachment: named a named pipe, not an unknown image type nor a device', (context) => {
    posixOnly(context, 'named pipes');
    const message = messageOf(() => readAttachment(fifo('print.png'), 'print.png'));
    expect(message).toContain('print.png');
    expect(message).toContain('pipe nomeado (FIFO)');
    expect(message).not.toMatch(/dispositivo|PNG\/JPEG nem/);
  });

  it('as a file to read: named a named pipe', (context) => {
    posixOnly(context, 'named pipes');
    const message = messageOf(() => openToRead(fifo('planilha.csv')));
    expect(message).toContain('pipe nomeado (FIFO)');
    expect(message).not.toContain('dispositivo');
  });

  it('/dev/null (a device) is still called a device', (context) => {
    posixOnly(context, 'devices');
    expect(alreadyThere('/dev/null').message).toContain('dispositivo');
    expect(messageOf(() => openToRead('/dev/null'))).toContain('dispositivo');
  });
});
