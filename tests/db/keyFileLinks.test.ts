// A key file named through a symbolic link: the desk never narrows a file it has not found to be a
// key (a 0644 file that is no key is refused as it is, and nobody is told that "whoever read it can
// use the key"); a real key it names is narrowed like one named directly.
import { chmodSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFileText as auditKeyText, readAuditKey } from '../../db/auditKey';
import { makePrivate } from '../../db/fileModes';
import { takeNarrowedKeyFiles } from '../../db/keyFiles';
import { posixOnly } from '../posixOnly';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-key-links-'));
  takeNarrowedKeyFiles();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('key files and links', () => {
  it('a link to a 0644 file that is no key: refused, the file keeps its mode, no warning of a key read', (context) => {
    posixOnly(context);
    const notes = join(dir, 'anotacoes.txt');
    writeFileSync(notes, 'lista de compras\n');
    chmodSync(notes, 0o644);
    const link = join(dir, 'audit.key');
    symlinkSync(notes, link);
    expect(() => readAuditKey(link)).toThrow();
    expect(modeOf(notes)).toBe(0o644);
    expect(takeNarrowedKeyFiles()).toEqual([]);
  });

  it('a plain file that is no key is refused without its mode being touched', (context) => {
    posixOnly(context);
    const notes = join(dir, 'audit.key');
    writeFileSync(notes, 'não é uma chave\n');
    chmodSync(notes, 0o644);
    expect(() => readAuditKey(notes)).toThrow();
    expect(modeOf(notes)).toBe(0o644);
    expect(takeNarrowedKeyFiles()).toEqual([]);
  });

  it('a real key reached through a link is read, and the key it names is narrowed to its owner once known to be one', (context) => {
    posixOnly(context);
    const key = join(dir, 'real.key');
    writeFileSync(key, auditKeyText(Buffer.alloc(32, 7)));
    chmodSync(key, 0o644);
    const link = join(dir, 'audit.key');
    symlinkSync(key, link);
    expect(readAuditKey(link)).not.toBeNull();
    expect(modeOf(key)).toBe(0o600);
    expect(takeNarrowedKeyFiles()).toEqual([link]);
  });

  it('makePrivate never follows a link', (context) => {
    posixOnly(context);
    const target = join(dir, 'alvo.txt');
    writeFileSync(target, 'x');
    chmodSync(target, 0o644);
    const link = join(dir, 'atalho');
    symlinkSync(target, link);
    expect(makePrivate(link)).toBe(false);
    expect(modeOf(target)).toBe(0o644);
  });
});
