// A lote's big files are deflated while they are still being made, in pieces of whatever size they
// come, and the zip writer takes them so. A package exported again must give the same bytes it
// gave before (Implanta knows it by its SHA-256), so an entry deflated that way must be the very
// entry the writer makes from the whole file — with and without a password.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeZip, ZipReader, ZipWriter, type ZipWriterOptions } from '../../../db/packaging';
import { EntryDeflater } from '../../../db/zip/entryDeflater';
import { tempDir, type TempDir } from '../fixtures';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const LEVEL = 3;
const FIXED = new Date('2026-11-24T15:30:00Z');
const NAMES = ['José da Conceição', 'Maria Aparecida dos Santos', 'João Antônio', 'Ana Luíza Gonçalves'];

/** A few megabytes of lines like a package's: repeated words, changing numbers, accents. */
function packageLikeText(): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    const name = `${NAMES[i % NAMES.length]} ${randomBytes(3).toString('hex')}`;
    lines.push(JSON.stringify({ id: `${i}-${randomBytes(8).toString('hex')}`, cpf: String(10_000_000_000 + i * 7919), name, field: 'email', newValue: `pessoa.${i}@exemplo.com.br` }));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Deflates `content` handed in pieces of uneven sizes, from one byte to a few hundred kilobytes. */
async function deflatedInPieces(content: Buffer) {
  const deflater = new EntryDeflater(LEVEL);
  const sizes = [1, 7, 65_536, 300_000, 1 << 20, 12_345];
  let at = 0;
  for (let i = 0; at < content.length; i++) {
    const end = Math.min(content.length, at + (sizes[i % sizes.length] as number));
    deflater.write(content.subarray(at, end));
    at = end;
  }
  return deflater.finish();
}

async function zipBytes(name: string, data: Parameters<ZipWriter['add']>[0]['data'], options: ZipWriterOptions): Promise<{ bytes: Buffer; sha256: string | undefined }> {
  const path = dir.file(name);
  const writer = await ZipWriter.create(path, { modifiedAt: FIXED, level: LEVEL, ...options });
  const result = await writer.add({ name: 'lote/data/corrections.jsonl', data, sha256: true });
  await writer.finish();
  return { bytes: readFileSync(path), sha256: result.sha256 };
}

describe('an entry deflated as it was made', () => {
  for (const [label, options] of [
    ['without a password', {}],
    ['with a password', { password: 'senha do lote', saltSeed: Buffer.from('semente do lote') }],
  ] as const) {
    it(`gives the same archive, byte for byte, as the whole file deflated by the writer (${label})`, async () => {
      const content = packageLikeText();
      expect(content.length).toBeGreaterThan(3_000_000);
      const deflated = await deflatedInPieces(content);
      expect(deflated.size).toBe(content.length);

      const whole = await zipBytes('inteiro.zip', content, options);
      const pieces = await zipBytes('em-partes.zip', deflated, options);
      expect(pieces.bytes.equals(whole.bytes)).toBe(true);
      expect(pieces.sha256).toBe(whole.sha256);

      const zip = await ZipReader.open(dir.file('em-partes.zip'), { password: 'password' in options ? options.password : null });
      try {
        expect((await zip.read('lote/data/corrections.jsonl')).equals(content)).toBe(true);
      } finally {
        await zip.close();
      }
    });
  }

  it('is refused by an archive of another level, which would not give the same bytes', async () => {
    const deflated = await deflatedInPieces(Buffer.from('poucas linhas\n'.repeat(100)));
    await expect(writeZip(dir.file('outro-nivel.zip'), [{ name: 'a.txt', data: deflated }], { level: 6 })).rejects.toThrow(/deflated at level 3/);
  });
});
