// Every entry of a desk's encrypted zip (a backup, a lote) has the same passphrase. Once it opened
// one entry, an entry whose password check then fails was damaged (a flipped byte on a pendrive),
// not written with another passphrase: saying "wrong passphrase" there sends the clerk hunting for
// a password that was right, and the bag check showed that message under a "damaged" code.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeZip, ZipReader } from '../../../db/packaging';
import { tempDir, type TempDir } from '../fixtures';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

/** The zip with one byte of `entry`'s salt flipped (the start of its data). */
function withSaltFlipped(path: string, entry: string): string {
  const bytes = readFileSync(path);
  const name = Buffer.from(entry, 'utf8');
  const at = bytes.indexOf(name);
  const local = at - 30;
  expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
  const data = at + name.length + bytes.readUInt16LE(local + 28);
  bytes[data + 3] = (bytes[data + 3] as number) ^ 0x40;
  const damaged = dir.file('danificado.zip');
  writeFileSync(damaged, bytes);
  return damaged;
}

describe('an encrypted entry whose password check fails after another opened', () => {
  it('is damaged, not a wrong passphrase', async () => {
    const path = dir.file('lote.zip');
    await writeZip(path, [
      { name: 'bag/a.txt', data: 'primeiro arquivo\n' },
      { name: 'bag/b.txt', data: 'segundo arquivo\n' },
    ], { password: 'senha certa' });
    const zip = await ZipReader.open(withSaltFlipped(path, 'bag/b.txt'), { password: 'senha certa' });
    try {
      await zip.checkPassword();
      expect((await zip.read('bag/a.txt')).toString()).toBe('primeiro arquivo\n');
      const refusal = await zip.read('bag/b.txt').then(
        () => null,
        (error: unknown) => error as { code: string; message: string },
      );
      expect(refusal?.code).toBe('ZIP_CORRUPT');
      expect(refusal?.message).not.toMatch(/Senha incorreta/);
    } finally {
      await zip.close();
    }
  });

  it('a wrong passphrase on the first entry is still a wrong passphrase', async () => {
    const path = dir.file('lote.zip');
    await writeZip(path, [{ name: 'bag/a.txt', data: 'x' }], { password: 'senha certa' });
    const zip = await ZipReader.open(path, { password: 'outra senha' });
    try {
      await expect(zip.checkPassword()).rejects.toMatchObject({ code: 'ZIP_PASSWORD_WRONG' });
    } finally {
      await zip.close();
    }
  });
});
