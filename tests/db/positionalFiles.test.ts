// Files read at any position, in the clear or through a key held in memory: whatever the position
// and length asked, an encrypted file answers exactly the bytes written, and its disk bytes are not them.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEncryptedFile, openEncryptedFile, openPlainFile } from '../../db/positionalFiles';

const dir = mkdtempSync(join(tmpdir(), 'cress-positional-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const content = Buffer.concat([Buffer.from('CPF;Nome da mãe\r\n12345678909;Maria das Graças Souza\r\n'), randomBytes(70_000)]);

function writeEncrypted(name: string, chunks: Buffer[]) {
  const path = join(dir, name);
  const writer = createEncryptedFile(path, 0o600);
  for (const chunk of chunks) writer.write(chunk);
  return { path, key: writer.close() };
}

describe('an encrypted private file', () => {
  const { path, key } = writeEncrypted('copy', [content.subarray(0, 1000), content.subarray(1000, 1001), content.subarray(1001)]);

  it('keeps nothing of what was written in the clear on disk', () => {
    const disk = readFileSync(path);
    expect(disk.length).toBe(content.length);
    expect(disk.includes(Buffer.from('12345678909'))).toBe(false);
    expect(disk.includes(Buffer.from('Maria das Graças'))).toBe(false);
  });

  it('answers the bytes written at any position and length, synchronously and not', async () => {
    const file = openEncryptedFile(path, key);
    try {
      expect(file.size).toBe(content.length);
      fc.assert(
        fc.property(fc.nat(content.length + 40), fc.nat(5000), (position, length) => {
          expect(file.readAtSync(position, length).equals(content.subarray(position, position + length))).toBe(true);
        }),
      );
      expect((await file.readAtAsync(17, 4000)).equals(content.subarray(17, 4017))).toBe(true);
    } finally {
      file.close();
    }
  });

  it('is noise with another key, and a plain read gives the disk bytes', () => {
    const other = writeEncrypted('other', [content]);
    const wrong = openEncryptedFile(path, other.key);
    const plain = openPlainFile(path);
    try {
      expect(wrong.readAtSync(0, 200).equals(content.subarray(0, 200))).toBe(false);
      expect(plain.readAtSync(0, 200).equals(readFileSync(path).subarray(0, 200))).toBe(true);
    } finally {
      wrong.close();
      plain.close();
    }
  });

  it('never writes over an existing file', () => {
    const taken = join(dir, 'taken');
    writeFileSync(taken, 'notas');
    expect(() => createEncryptedFile(taken, 0o600)).toThrow(/EEXIST/);
    expect(readFileSync(taken, 'utf8')).toBe('notas');
  });
});
