// A lote package or a backup whose local file header says something else than its central
// directory (zip "confusion"): unzip or Implanta's tool may read the entry from the local header,
// the desk from the directory, so `verify` refuses it, naming the entry — and an untouched file
// stays valid, for `verify` and for `unzip -t` alike.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-zip-headers-', (d) => initDesk(d, { professionals: 10, seed: 3 }));
const { run, json } = desk;

/** Where the fields of a local header sit, from its signature (PKWARE APPNOTE 4.3.7). */
const LOCAL_FIELDS = { flags: 6, method: 8, crc: 14, compressedSize: 18, size: 22, name: 30 } as const;

/** A copy of `zip` with one bit changed in a field of `entry`'s local header (its first occurrence is the local one). */
function withLocalField(zip: string, entry: string, field: keyof typeof LOCAL_FIELDS, copyName: string): string {
  const bytes = readFileSync(zip);
  const nameAt = bytes.indexOf(Buffer.from(entry));
  expect(nameAt).toBeGreaterThan(0);
  const header = nameAt - LOCAL_FIELDS.name;
  expect(bytes.readUInt32LE(header)).toBe(0x04034b50);
  // Bit 11 of the flags says the name is UTF-8: a reader decodes the name otherwise.
  const at = header + LOCAL_FIELDS[field] + (field === 'name' ? entry.length - 3 : field === 'flags' ? 1 : 0);
  bytes[at]! ^= field === 'flags' ? 0x08 : 0x01;
  const copy = join(desk.dir, copyName);
  writeFileSync(copy, bytes);
  return copy;
}

/**
 * A copy of `zip` with an entry the index does not list put in front (the index's offsets moved
 * past it): a tool reading the local headers from the start finds it, the index does not.
 */
function withHiddenEntry(zip: string, name: string, copyName: string): string {
  const bytes = readFileSync(zip);
  const data = Buffer.from('{"id":"escondido"}\n');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  const hidden = Buffer.concat([header, Buffer.from(name), data]);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  const centralStart = bytes.readUInt32LE(end + 16);
  for (let i = 0, at = centralStart; i < count; i++) {
    bytes.writeUInt32LE(bytes.readUInt32LE(at + 42) + hidden.length, at + 42);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  bytes.writeUInt32LE(centralStart + hidden.length, end + 16);
  const copy = join(desk.dir, copyName);
  writeFileSync(copy, Buffer.concat([hidden, bytes]));
  return copy;
}

/**
 * A copy of `zip` whose `entry` is streamed as a tool writing a zip on the fly does it (flag bit 3,
 * CRC and sizes also in a data descriptor after the data), the descriptor's `field` one off from
 * the index: a streaming reader takes the descriptor, the desk the index.
 */
function withDataDescriptor(zip: string, entry: string, field: 'crc' | 'compressedSize' | 'size', copyName: string): string {
  const bytes = readFileSync(zip);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  const centralStart = bytes.readUInt32LE(end + 16);
  const records: number[] = [];
  for (let i = 0, at = centralStart; i < count; i++) {
    records.push(at);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  const record = records.find((at) => bytes.subarray(at + 46, at + 46 + bytes.readUInt16LE(at + 28)).toString() === entry) as number;
  expect(record).toBeDefined();
  const local = bytes.readUInt32LE(record + 42);
  const crc = bytes.readUInt32LE(record + 16);
  const compressedSize = bytes.readUInt32LE(record + 20);
  const size = bytes.readUInt32LE(record + 24);
  const dataEnd = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28) + compressedSize;
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(field === 'crc' ? (crc ^ 1) >>> 0 : crc, 4);
  descriptor.writeUInt32LE(field === 'compressedSize' ? compressedSize + 1 : compressedSize, 8);
  descriptor.writeUInt32LE(field === 'size' ? size + 1 : size, 12);
  bytes.writeUInt16LE(bytes.readUInt16LE(local + 6) | 0x08, local + 6);
  bytes.writeUInt16LE(bytes.readUInt16LE(record + 8) | 0x08, record + 8);
  for (const at of records) if (bytes.readUInt32LE(at + 42) > local) bytes.writeUInt32LE(bytes.readUInt32LE(at + 42) + descriptor.length, at + 42);
  bytes.writeUInt32LE(centralStart + descriptor.length, end + 16);
  const copy = join(desk.dir, copyName);
  writeFileSync(copy, Buffer.concat([bytes.subarray(0, dataEnd), descriptor, bytes.subarray(dataEnd)]));
  return copy;
}

let sealedPackage: string | null = null;

/** The desk's first lote, exported once for the tests that need it (each may run alone). */
function firstSealedPackage(): string {
  sealedPackage ??= exportFirstLote();
  return sealedPackage;
}

function exportFirstLote(): string {
  const someone = json('registry', 'show', json('registry', 'search', 'a').body.items[0].registrationNumber).body;
  expect(run('correct', someone.cpf, '--field', 'email', '--value', 'nova@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
  expect(run('batch', 'create').code).toBe(0);
  expect(run('batch', 'seal', '2026-0001').code).toBe(0);
  const out = join(desk.dir, 'lotes');
  mkdirSync(out);
  return json('batch', 'export', '2026-0001', '--out', out).body.file as string;
}

describe('verify and a local header that disagrees with the zip index', () => {
  it('refuses a lote package whose local header of data/corrections.jsonl changed in its name, flags, method, CRC or sizes', () => {
    const zip = firstSealedPackage();
    expect(spawnSync('unzip', ['-tq', zip]).status).toBe(0);
    expect(run('batch', 'verify', zip).code).toBe(0);
    const entry = `${zip.slice(zip.lastIndexOf('/') + 1, -'.zip'.length)}/data/corrections.jsonl`;
    for (const field of Object.keys(LOCAL_FIELDS) as (keyof typeof LOCAL_FIELDS)[]) {
      const changed = withLocalField(zip, entry, field, `lote-${field}.zip`);
      const result = json('batch', 'verify', changed);
      expect(result.code, `${field}: ${result.stdout}`).toBe(3);
      expect(result.body.valid).toBe(false);
      expect(result.body.problems.map((p: { message: string }) => p.message).join('\n'), field).toContain(`cabeçalho local de "${entry}" não confere com o índice`);
    }
  });

  it('refuses a lote package whose data descriptor after data/corrections.jsonl differs from the index in its CRC or sizes', () => {
    const zip = firstSealedPackage();
    const entry = `${zip.slice(zip.lastIndexOf('/') + 1, -'.zip'.length)}/data/corrections.jsonl`;
    for (const field of ['crc', 'compressedSize', 'size'] as const) {
      const changed = withDataDescriptor(zip, entry, field, `lote-descritor-${field}.zip`);
      const result = json('batch', 'verify', changed);
      expect(result.code, `${field}: ${result.stdout}`).toBe(3);
      expect(result.body.problems.map((p: { message: string }) => p.message).join('\n'), field).toContain(`"${entry}"`);
    }
    // The same streaming with a descriptor that agrees is a valid package.
    const agreeing = readFileSync(withDataDescriptor(zip, entry, 'crc', 'lote-descritor-base.zip'));
    const crcAt = agreeing.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08])) + 4;
    agreeing.writeUInt32LE((agreeing.readUInt32LE(crcAt) ^ 1) >>> 0, crcAt);
    const fixed = join(desk.dir, 'lote-descritor-certo.zip');
    writeFileSync(fixed, agreeing);
    expect(spawnSync('unzip', ['-tq', fixed]).status).toBe(0);
    expect(run('batch', 'verify', fixed).code).toBe(0);
  });

  it('tells a damaged bag-info.txt once, though more than one check reads it', () => {
    const zip = firstSealedPackage();
    const entry = 'CRESS09-DEMONSTRACAO-lote-2026-0001/bag-info.txt';
    const result = json('batch', 'verify', withLocalField(zip, entry, 'crc', 'lote-bag-info.zip'));
    expect(result.code).toBe(3);
    const messages: string[] = result.body.problems.map((p: { message: string }) => p.message);
    expect(messages.filter((m) => m.includes(`cabeçalho local de "${entry}"`))).toHaveLength(1);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('refuses a lote package holding an entry its index does not list, naming the entry found after it', () => {
    const zip = firstSealedPackage();
    const changed = withHiddenEntry(zip, 'CRESS09-DEMONSTRACAO-lote-2026-0001/data/extra.jsonl', 'lote-escondido.zip');
    // unzip reads by the index, and finds nothing wrong.
    expect(spawnSync('unzip', ['-tq', changed]).status).toBe(0);
    const result = json('batch', 'verify', changed);
    expect(result.code, result.stdout).toBe(3);
    expect(result.body.problems.map((p: { message: string }) => p.message).join('\n')).toContain(
      'há dados que o índice não lista antes de "CRESS09-DEMONSTRACAO-lote-2026-0001/bag-info.txt"',
    );
  });

  it('refuses a backup whose local header of its database changed in its CRC or its size, naming the file in the details', () => {
    const backups = join(desk.dir, 'backups');
    mkdirSync(backups);
    const backup = json('backup', 'create', '--out', backups).body.file as string;
    expect(spawnSync('unzip', ['-tq', backup]).status).toBe(0);
    expect(run('backup', 'verify', backup).code).toBe(0);
    const entry = `${backup.slice(backup.lastIndexOf('/') + 1, -'.zip'.length)}/data/`;
    const database = readFileSync(backup).toString('latin1').match(new RegExp(`${entry.replace(/[.]/g, '\\.')}[\\w.-]+\\.sqlite`))?.[0];
    expect(database).toBeDefined();
    for (const field of ['crc', 'size'] as const) {
      const result = json('backup', 'verify', withLocalField(backup, database!, field, `backup-${field}.zip`));
      expect(result.code, `${field}: ${result.stdout}`).toBe(3);
      // A backup's sentence speaks to the clerk; the file concerned is in its details.
      expect(result.body.problems[0], field).toMatchObject({ message: expect.stringMatching(/danificado/), path: 'data/cress-desk.sqlite' });
    }
  });
});
