// An entry's local header, checked against its record in the central directory before a byte of
// its data is read. A tool that walks the local headers (unzip, or a streaming reader on
// Implanta's side) must find the entry the desk verified: the same name, the flags that change how
// it is read, the same method, CRC and sizes — otherwise each could read something else ("zip
// confusion").
import type { EntryRecord } from './directory';
import { u64 } from './endRecord';
import { fault } from './faults';
import { EXTRA_AES, EXTRA_UNICODE_PATH, EXTRA_ZIP64, FLAG_DATA_DESCRIPTOR, FLAG_ENCRYPTED, FLAG_UTF8, LOCAL_HEADER_SIZE, MAX_U32, METHOD_DEFLATE, METHOD_STORE, SIG_LOCAL } from './format';
import type { Steps } from './steps';

/** Strong encryption and a masked local header: refused elsewhere, but never allowed to differ. */
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_MASKED_HEADER = 0x2000;
/** The flags that change how an entry is read (the others only hint at a compression level). */
const READING_FLAGS = FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR | FLAG_STRONG_ENCRYPTION | FLAG_UTF8 | FLAG_MASKED_HEADER;

/** Reads exactly `length` bytes at `position`, or fails as a truncated file. */
export function* exactly(position: number, length: number, entry?: string): Steps<Buffer> {
  const bytes = yield { position, length };
  if (bytes.length < length) throw fault('truncated', { entry });
  return bytes;
}

interface LocalFacts {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  aes: { strength: number; method: number } | null;
  /** The name of an Info-ZIP Unicode Path field, which a reader of local headers may use instead. */
  unicodeName: string | null;
}

function localFactsOf(header: Buffer, extra: Buffer, entry: string): LocalFacts {
  let size = header.readUInt32LE(22);
  let compressedSize = header.readUInt32LE(18);
  let aes: LocalFacts['aes'] = null;
  let unicodeName: string | null = null;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const data = extra.subarray(at + 4, at + 4 + extra.readUInt16LE(at + 2));
    if (id === EXTRA_ZIP64) {
      // Only the fields the header marks as overflowing are there, uncompressed size first.
      const sizeOverflows = size === MAX_U32;
      if (sizeOverflows && data.length >= 8) size = u64(data, 0, entry);
      const compressedAt = sizeOverflows ? 8 : 0;
      if (compressedSize === MAX_U32 && data.length >= compressedAt + 8) compressedSize = u64(data, compressedAt, entry);
    } else if (id === EXTRA_UNICODE_PATH && data.length > 5) {
      unicodeName = new TextDecoder('utf-8').decode(data.subarray(5));
    } else if (id === EXTRA_AES && data.length >= 7) {
      aes = { strength: data.readUInt8(4), method: data.readUInt16LE(5) };
    }
    at += 4 + data.length;
  }
  return { flags: header.readUInt16LE(6), method: header.readUInt16LE(8), crc: header.readUInt32LE(14), compressedSize, size, aes, unicodeName };
}

/** What of the local header disagrees with the directory, in Portuguese, or null when nothing does. */
function disagreement(record: EntryRecord, name: Buffer, local: LocalFacts): string | null {
  if (!name.equals(record.nameBytes) || (local.unicodeName !== null && local.unicodeName !== record.name)) return 'nome';
  if ((local.flags & READING_FLAGS) !== (record.flags & READING_FLAGS)) return 'indicadores';
  if (local.method !== record.rawMethod) return 'método de compressão';
  const aesMethod = record.method === 'deflate' ? METHOD_DEFLATE : METHOD_STORE;
  if (record.aes && (local.aes === null || local.aes.strength !== record.aes.strength || local.aes.method !== aesMethod)) return 'criptografia';
  // With a data descriptor the local header may leave CRC and sizes at 0 (they follow the data).
  const streamed = (record.flags & FLAG_DATA_DESCRIPTOR) !== 0;
  const same = (value: number, expected: number) => value === expected || (streamed && value === 0);
  if (!same(local.crc, record.crc32)) return 'CRC';
  if (!same(local.compressedSize, record.compressedSize)) return 'tamanho comprimido';
  if (!same(local.size, record.size)) return 'tamanho';
  return null;
}

/** Where the entry's data starts, once its local header agrees with the directory. */
export function* dataOffsetOf(record: EntryRecord, fileSize: number): Steps<number> {
  if (record.dataOffset !== undefined) return record.dataOffset;
  const header = yield* exactly(record.offset, LOCAL_HEADER_SIZE);
  if (header.readUInt32LE(0) !== SIG_LOCAL) throw fault('local-header-missing', { entry: record.name });
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  const rest = yield* exactly(record.offset + LOCAL_HEADER_SIZE, nameLength + extraLength, record.name);
  const local = localFactsOf(header, rest.subarray(nameLength), record.name);
  const reason = disagreement(record, rest.subarray(0, nameLength), local);
  if (reason !== null) throw fault('local-header-mismatch', { entry: record.name, reason });
  const dataOffset = record.offset + LOCAL_HEADER_SIZE + nameLength + extraLength;
  if (dataOffset + record.compressedSize > fileSize) throw fault('truncated', { entry: record.name });
  record.dataOffset = dataOffset;
  return dataOffset;
}

/** A data descriptor after an entry's data: CRC and sizes (32 or 64 bits), with or without its signature. */
const DESCRIPTOR_LENGTHS = [12, 16, 20, 24];
const SIG_DESCRIPTOR = 0x08074b50;

/**
 * What of the data descriptor after `record`'s data (`bytes`, all that lies before the next entry)
 * disagrees with the directory, or null. A streaming reader takes the entry's CRC and sizes from
 * it: they must be the ones the desk checked. The length tells its layout: with the signature or
 * not, 32- or 64-bit sizes.
 */
function descriptorDisagreement(record: EntryRecord, bytes: Buffer): string | null {
  if (!DESCRIPTOR_LENGTHS.includes(bytes.length)) return 'descritor de dados';
  const signed = bytes.length === 16 || bytes.length === 24;
  if (signed && bytes.readUInt32LE(0) !== SIG_DESCRIPTOR) return 'descritor de dados';
  const at = signed ? 4 : 0;
  const wide = bytes.length >= 20;
  const compressedSize = wide ? u64(bytes, at + 4, record.name) : bytes.readUInt32LE(at + 4);
  const size = wide ? u64(bytes, at + 12, record.name) : bytes.readUInt32LE(at + 8);
  if (bytes.readUInt32LE(at) !== record.crc32) return 'CRC no descritor de dados';
  if (compressedSize !== record.compressedSize) return 'tamanho comprimido no descritor de dados';
  if (size !== record.size) return 'tamanho no descritor de dados';
  return null;
}

/** Checks the data descriptor between `record`'s data end and `next`, when its flags say it has one. */
function* checkDescriptor(record: EntryRecord | null, dataEnd: number, next: number): Steps<void> {
  if (record === null || (record.flags & FLAG_DATA_DESCRIPTOR) === 0) return;
  const reason = next - dataEnd > 0 ? descriptorDisagreement(record, yield* exactly(dataEnd, next - dataEnd, record.name)) : 'descritor de dados ausente';
  if (reason !== null) throw fault('local-header-mismatch', { entry: record.name, reason });
}

/**
 * Every byte before the central directory belongs to an entry it lists: from the first byte, each
 * local header right after the previous entry's data (and its data descriptor, which must say the
 * CRC and sizes the directory says), the directory right after the last. A tool that walks the
 * local headers from the start (a streaming reader) would otherwise find an entry, or read CRC and
 * sizes, the directory — and so the desk's checks — never saw. Checks each local header against
 * the directory on the way.
 */
export function* checkLayout(records: readonly EntryRecord[], centralStart: number, fileSize: number): Steps<void> {
  let expected = 0;
  let previous: EntryRecord | null = null;
  const follows = (offset: number) =>
    offset === expected || (previous !== null && (previous.flags & FLAG_DATA_DESCRIPTOR) !== 0 && DESCRIPTOR_LENGTHS.includes(offset - expected));
  for (const record of [...records].sort((a, b) => a.offset - b.offset)) {
    if (!follows(record.offset)) throw fault('hidden-data', { entry: record.name });
    yield* checkDescriptor(previous, expected, record.offset);
    expected = (yield* dataOffsetOf(record, fileSize)) + record.compressedSize;
    previous = record;
  }
  if (!follows(centralStart)) throw fault('hidden-data', previous === null ? {} : { entry: previous.name, after: true });
  yield* checkDescriptor(previous, expected, centralStart);
}
