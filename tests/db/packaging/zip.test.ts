// The zip writer and reader, checked against each other and against unzip and 7-Zip.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeZip, ZipError, ZipReader, ZipWriter, type ZipEntry, type ZipWriterOptions } from '../../../db/packaging';
import { tempDir, type TempDir } from '../fixtures';
import { hasTool, run, SEVEN_ZIP_MISSING, sevenZip } from './tools';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const FIXED = new Date('2026-11-24T15:30:00Z');
const UNZIP_MISSING = 'unzip is not installed (Debian: apt-get install unzip).';

function sample(): ZipEntry[] {
  const big = dir.file('big.bin');
  writeFileSync(big, randomBytes(2_500_000));
  return [
    { name: 'pasta/leia-me.txt', data: 'Conteúdo de teste — acentuação: ção, ã, é.\n'.repeat(50) },
    { name: 'pasta/dados/grande.bin', data: { path: big } },
    { name: 'pasta/vazio.txt', data: '' },
    { name: 'pasta/ação.txt', data: Buffer.from('nome com acento') },
  ];
}

async function zipOf(name: string, entries: ZipEntry[], options: ZipWriterOptions = {}): Promise<string> {
  const path = dir.file(name);
  await writeZip(path, entries, { modifiedAt: FIXED, ...options });
  return path;
}

async function readAll(path: string, password?: string): Promise<Map<string, Buffer>> {
  const zip = await ZipReader.open(path, { password: password ?? null });
  try {
    const out = new Map<string, Buffer>();
    for (const entry of zip.entries) out.set(entry.name, await zip.read(entry.name));
    return out;
  } finally {
    await zip.close();
  }
}

async function zipError(action: () => Promise<unknown>): Promise<ZipError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ZipError) return error;
    throw error;
  }
  throw new Error('no ZipError was thrown');
}

function expectedContents(entries: ZipEntry[]): Map<string, Buffer> {
  return new Map(
    entries.map((e) => [e.name, typeof e.data === 'string' ? Buffer.from(e.data) : e.data instanceof Uint8Array ? Buffer.from(e.data) : readFileSync((e.data as { path: string }).path)]),
  );
}

/** Info-ZIP's Unicode path extra field (0x7075) of an entry named `name`, saying its name is `other`. */
function unicodePathField(name: string, other: string): Buffer {
  const path = Buffer.from(other);
  const field = Buffer.alloc(9 + path.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + path.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(Buffer.from(name)), 5);
  path.copy(field, 9);
  return field;
}

describe('zip writer', () => {
  it.for([
    ['deflate', {}],
    ['store', { method: 'store' }],
    ['Zip64 everywhere', { forceZip64: true }],
  ] as [string, ZipWriterOptions][])('writes archives that unzip and 7-Zip test clean and that read back byte for byte (%s)', async ([, options], context) => {
    const entries = sample();
    const path = await zipOf('a.zip', entries, options);
    expect(await readAll(path)).toEqual(expectedContents(entries));
    context.skip(!hasTool('unzip'), UNZIP_MISSING);
    const unzip = run('unzip', ['-t', path]);
    expect(unzip.out).toContain('No errors detected');
    expect(unzip.code).toBe(0);
    const seven = sevenZip();
    if (seven) expect(run(seven, ['t', path]).out).toContain('Everything is Ok');
  });

  it('sorts entries by name and gives byte-identical files for the same input', async () => {
    const entries = sample();
    const first = await zipOf('one.zip', entries);
    const second = await zipOf('two.zip', [...entries].reverse());
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
    const zip = await ZipReader.open(first);
    expect(zip.entries.map((e) => e.name)).toEqual([...entries.map((e) => e.name)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    await zip.close();
    const later = await zipOf('later.zip', entries, { modifiedAt: new Date('2027-01-01T00:00:00Z') });
    expect(readFileSync(later).equals(readFileSync(first))).toBe(false);
  });

  it('refuses names that would leave the archive, and duplicates', async () => {
    const writer = await ZipWriter.create(dir.file('bad.zip'));
    for (const name of ['../fora.txt', '/abs.txt', 'a\\b.txt', 'C:/x.txt', 'a//b.txt']) {
      await expect(writer.add({ name, data: 'x' })).rejects.toThrow(/unsafe/);
    }
    await writer.add({ name: 'ok.txt', data: 'x' });
    await expect(writer.add({ name: 'ok.txt', data: 'y' })).rejects.toThrow(/duplicate/);
    await writer.abort();
  });

  it('leaves no file behind when aborted', async () => {
    const writer = await ZipWriter.create(dir.file('partial.zip'));
    await writer.add({ name: 'a.txt', data: 'a' });
    await writer.abort();
    expect(() => readFileSync(dir.file('partial.zip'))).toThrow();
  });
});

describe('WinZip AES-256', () => {
  it('encrypts so that 7-Zip opens it with the password and refuses a wrong one', async (context) => {
    const entries = sample();
    const path = await zipOf('aes.zip', entries, { password: 'senha forte ç' });
    expect(await readAll(path, 'senha forte ç')).toEqual(expectedContents(entries));
    // The plain text is nowhere in the file.
    expect(readFileSync(path).includes(Buffer.from('Conteúdo de teste'))).toBe(false);
    const seven = sevenZip();
    context.skip(seven === null, SEVEN_ZIP_MISSING);
    const good = run(seven as string, ['t', '-psenha forte ç', path]);
    expect(good.out).toContain('Everything is Ok');
    const bad = run(seven as string, ['t', '-psenha errada', path]);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/Wrong password/i);
  });

  it('reads what 7-Zip encrypts', async (context) => {
    const seven = sevenZip();
    context.skip(seven === null, SEVEN_ZIP_MISSING);
    writeFileSync(dir.file('texto.txt'), 'conteúdo cifrado pelo 7-Zip\n'.repeat(1000));
    const made = run(seven as string, ['a', '-tzip', '-mem=AES256', '-psegredo', dir.file('7z.zip'), dir.file('texto.txt')]);
    expect(made.code).toBe(0);
    const contents = await readAll(dir.file('7z.zip'), 'segredo');
    expect(contents.get('texto.txt')?.toString()).toBe('conteúdo cifrado pelo 7-Zip\n'.repeat(1000));
  });

  it('asks for the password, and says clearly when it is wrong', async () => {
    const path = await zipOf('aes.zip', sample(), { password: 'certa' });
    const missing = await zipError(async () => (await ZipReader.open(path)).checkPassword());
    expect(missing.code).toBe('ZIP_PASSWORD_REQUIRED');
    const wrong = await zipError(() => readAll(path, 'errada'));
    expect(wrong.code).toBe('ZIP_PASSWORD_WRONG');
    expect(wrong.message).toMatch(/Senha incorreta/);
  });

  it('detects altered ciphertext through the HMAC', async () => {
    const path = await zipOf('aes.zip', [{ name: 'x/a.bin', data: randomBytes(200_000), method: 'store' }], { password: 'certa' });
    const bytes = readFileSync(path);
    bytes[30 + 'x/a.bin'.length + 11 + 18 + 5000]! ^= 0x01; // inside the encrypted data
    writeFileSync(path, bytes);
    const error = await zipError(() => readAll(path, 'certa'));
    expect(error.code).toBe('ZIP_AUTH_FAILED');
  });

  it('is reproducible with a salt seed, and never reuses a keystream for other content', async () => {
    const entries = sample();
    const options = { password: 'p', saltSeed: 'lote-2026-0001' };
    const a = readFileSync(await zipOf('a.zip', entries, options));
    const b = readFileSync(await zipOf('b.zip', entries, options));
    expect(a.equals(b)).toBe(true);
    const random1 = readFileSync(await zipOf('r1.zip', entries, { password: 'p' }));
    const random2 = readFileSync(await zipOf('r2.zip', entries, { password: 'p' }));
    expect(random1.equals(random2)).toBe(false);
    // Same name, same seed, other content: another salt (the 16 bytes after the local header).
    const saltOf = (zip: Buffer) => zip.subarray(30 + 5 + 11, 30 + 5 + 11 + 16).toString('hex');
    const one = readFileSync(await zipOf('c1.zip', [{ name: 'a.txt', data: 'um' }], options));
    const two = readFileSync(await zipOf('c2.zip', [{ name: 'a.txt', data: 'dois' }], options));
    expect(saltOf(one)).not.toBe(saltOf(two));
  });
});

/** Rewrites an archive's bytes: every occurrence of `from` (in local and central headers) becomes `to`. */
function patchName(path: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const bytes = readFileSync(path);
  const a = Buffer.from(from);
  let at = bytes.indexOf(a);
  expect(at).toBeGreaterThanOrEqual(0);
  while (at >= 0) {
    Buffer.from(to).copy(bytes, at);
    at = bytes.indexOf(a, at + 1);
  }
  writeFileSync(path, bytes);
}

describe('zip reader refuses hostile or damaged archives', () => {
  it.each([
    ['xx/evil.txt', '../evil.txt'],
    ['xxabs.txt', '/xabs.txt'],
    ['dir_file.txt', 'dir\\file.txt'],
    ['Xxdrive.txt', 'C:drive.txt'],
  ])('refuses the path %s rewritten as %s', async (safe, unsafe) => {
    const path = await zipOf('p.zip', [{ name: safe, data: 'x' }]);
    patchName(path, safe, unsafe);
    const error = await zipError(() => ZipReader.open(path));
    expect(error.code).toBe('ZIP_UNSAFE_PATH');
    expect(error.message).toContain(unsafe);
  });

  it('refuses two entries with the same name, also differing only in case', async () => {
    const exact = await zipOf('d1.zip', [{ name: 'a/um.txt', data: '1' }, { name: 'a/uM.txt', data: '2' }]);
    patchName(exact, 'a/uM.txt', 'a/um.txt');
    expect((await zipError(() => ZipReader.open(exact))).code).toBe('ZIP_DUPLICATE_ENTRY');
    const folded = await zipOf('d2.zip', [{ name: 'a/um.txt', data: '1' }, { name: 'a/UM.txt', data: '2' }]);
    expect((await zipError(() => ZipReader.open(folded))).code).toBe('ZIP_DUPLICATE_ENTRY');
  });

  it('enforces the entry count, total size and compression ratio limits', async () => {
    const many = await zipOf('m.zip', Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
    expect((await zipError(() => ZipReader.open(many, { limits: { maxEntries: 10 } }))).code).toBe('ZIP_TOO_MANY_ENTRIES');
    expect((await zipError(() => ZipReader.open(many, { limits: { maxTotalBytes: 10 } }))).code).toBe('ZIP_TOO_LARGE');
    const bomb = await zipOf('bomb.zip', [{ name: 'zeros.bin', data: Buffer.alloc(5_000_000) }]);
    expect((await zipError(() => ZipReader.open(bomb, { limits: { maxRatio: 100 } }))).code).toBe('ZIP_RATIO');
  });

  it('refuses a truncated archive', async () => {
    const path = await zipOf('t.zip', sample());
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await zipError(() => ZipReader.open(path));
    expect(error.code).toBe('ZIP_NOT_A_ZIP');
    expect(error.message).toMatch(/incompleto/);
  });

  it('refuses a file that is not a zip', async () => {
    writeFileSync(dir.file('x.zip'), 'isto não é um zip');
    expect((await zipError(() => ZipReader.open(dir.file('x.zip')))).code).toBe('ZIP_NOT_A_ZIP');
  });

  it('detects a flipped bit in compressed and in stored data', async () => {
    for (const method of ['deflate', 'store'] as const) {
      const path = await zipOf(`${method}.zip`, [{ name: 'dados.bin', data: randomBytes(300_000), method }]);
      const bytes = readFileSync(path);
      bytes[30 + 'dados.bin'.length + 150_000]! ^= 0x10;
      writeFileSync(path, bytes);
      const error = await zipError(() => readAll(path));
      expect(['ZIP_CRC_MISMATCH', 'ZIP_CORRUPT']).toContain(error.code);
      expect(error.message).toMatch(/danificad/);
    }
  });

  it('refuses entries that overlap', async () => {
    const path = await zipOf('o.zip', [{ name: 'a.txt', data: 'a'.repeat(100) }, { name: 'b.txt', data: 'b'.repeat(100) }], { method: 'store' });
    const bytes = readFileSync(path);
    // Point the second central entry at the first entry's local header.
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0, central + 42);
    writeFileSync(path, bytes);
    expect((await zipError(() => ZipReader.open(path))).code).toBe('ZIP_CORRUPT');
  });

  it('refuses an index holding more records than its end record counts (a tool reading the index by its size would list one more)', async () => {
    const path = await zipOf('c.zip', [{ name: 'a.txt', data: 'a'.repeat(100) }, { name: 'b.txt', data: 'b'.repeat(100) }], { method: 'store' });
    const bytes = readFileSync(path);
    const end = bytes.length - 22;
    const centralSize = bytes.readUInt32LE(end + 12);
    const centralStart = bytes.readUInt32LE(end + 16);
    // A copy of the last record, named x.txt, after the two the end record counts.
    const last = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const extra = Buffer.from(bytes.subarray(last, end));
    Buffer.from('x.txt').copy(extra, 46);
    const endRecord = Buffer.from(bytes.subarray(end));
    endRecord.writeUInt32LE(centralSize + extra.length, 12);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, centralStart + centralSize), extra, endRecord]));
    expect((await zipError(() => ZipReader.open(path))).code).toBe('ZIP_CORRUPT');
  });

  it('refuses an entry whose Unicode path field names another file (unzip would extract it under that name)', async (context) => {
    const path = await zipOf('u.zip', [{ name: 'a.txt', data: 'conteúdo de a' }, { name: 'b.txt', data: 'conteúdo de b' }], { method: 'store' });
    const bytes = readFileSync(path);
    const end = bytes.length - 22;
    const centralStart = bytes.readUInt32LE(end + 16);
    // Info-ZIP's Unicode path field (0x7075) on a.txt's index record, naming b.txt.
    const field = unicodePathField('a.txt', 'b.txt');
    const first = Buffer.from(bytes.subarray(centralStart, centralStart + 46 + 5 + bytes.readUInt16LE(centralStart + 30)));
    first.writeUInt16LE(first.readUInt16LE(30) + field.length, 30);
    const rest = bytes.subarray(centralStart + first.length, end);
    const endRecord = Buffer.from(bytes.subarray(end));
    endRecord.writeUInt32LE(first.length + field.length + rest.length, 12);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, centralStart), first, field, rest, endRecord]));
    if (hasTool('unzip')) {
      // The confusion itself: unzip lists a.txt's bytes under b.txt.
      expect(run('unzip', ['-Z1', path], dir.dir).out.split('\n').filter(Boolean)).toEqual(['b.txt', 'b.txt']);
    } else context.skip(true, UNZIP_MISSING);
    const error = await zipError(() => ZipReader.open(path));
    expect(error.code).toBe('ZIP_UNSAFE_PATH');
    expect(error.message).toContain('"a.txt"');
    expect(error.message).toContain('b.txt');
  });

  it('refuses an entry whose local header carries a Unicode path field naming another file (a streaming reader would use it)', async () => {
    const path = await zipOf('ul.zip', [{ name: 'a.txt', data: 'conteúdo de a' }], { method: 'store' });
    const bytes = readFileSync(path);
    const end = bytes.length - 22;
    const field = unicodePathField('a.txt', 'b.txt');
    const nameEnd = 30 + 5 + bytes.readUInt16LE(28);
    bytes.writeUInt16LE(bytes.readUInt16LE(28) + field.length, 28);
    bytes.writeUInt32LE(bytes.readUInt32LE(end + 16) + field.length, end + 16);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, nameEnd), field, bytes.subarray(nameEnd)]));
    const error = await zipError(() => ZipReader.open(path));
    expect(error.code).toBe('ZIP_CORRUPT');
    expect(error.message).toContain('cabeçalho local de "a.txt" não confere com o índice: nome');
  });

  it('reads archives written by Info-ZIP, including streamed ones with data descriptors', async (context) => {
    context.skip(!hasTool('zip'), 'Info-ZIP zip is not installed (Debian: apt-get install zip).');
    writeFileSync(dir.file('a.txt'), 'texto do Info-ZIP\n'.repeat(100));
    expect(run('zip', ['-q', '-X', dir.file('info.zip'), 'a.txt'], dir.dir).code).toBe(0);
    expect((await readAll(dir.file('info.zip'))).get('a.txt')?.toString()).toBe('texto do Info-ZIP\n'.repeat(100));
    expect(run('sh', ['-c', `cat a.txt | zip -q streamed.zip -`], dir.dir).code).toBe(0);
    expect((await readAll(dir.file('streamed.zip'))).get('-')?.toString()).toBe('texto do Info-ZIP\n'.repeat(100));
  });
});
