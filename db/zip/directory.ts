// The central directory of a zip, read and checked before a single entry is inflated: entry count,
// total and per-entry sizes and ratios (zip bombs), names that would leave the archive, names given
// twice (also, when asked, differing only in case), encryption other than WinZip AES, unknown
// methods, entries overlapping each other or the directory, and bytes between them that it does not
// list (localHeader.ts, which also checks each local header against its record).
import { crc32 } from 'node:zlib';
import { fault } from './faults';
import { CENTRAL_HEADER_SIZE, EXTRA_AES, EXTRA_UNICODE_PATH, EXTRA_ZIP64, FLAG_ENCRYPTED, FLAG_UTF8, LOCAL_HEADER_SIZE, MAX_U16, MAX_U32, METHOD_AES, METHOD_DEFLATE, METHOD_STORE, SIG_CENTRAL, unsafePathReason } from './format';
import { readEnd, u64 } from './endRecord';
import { checkLayout } from './localHeader';
import type { Steps } from './steps';

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed, checked for entries over `ratioFloorBytes`... */
  maxRatio: number;
  /** ...(tiny entries compress absurdly well). */
  ratioFloorBytes: number;
}

export const DEFAULT_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 64 * 1024 ** 3, maxRatio: 1000, ratioFloorBytes: 1024 * 1024 };

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
  /** Stored, deflate (the real method under AES). */
  method: 'store' | 'deflate';
  encrypted: boolean;
  crc32: number;
}

export interface EntryRecord extends ZipEntryInfo {
  nameBytes: Buffer;
  flags: number;
  rawMethod: number;
  offset: number;
  aes: { strength: number; vendorVersion: number } | null;
  /** Where the entry's data starts, once its local header has been read. */
  dataOffset?: number;
}

export interface DirectoryOptions {
  limits: ZipLimits;
  /** Refuse two names that are equal once case-folded (as they would be on Windows). */
  refuseCaseCollisions: boolean;
}

export function* readDirectory(fileSize: number, options: DirectoryOptions): Steps<EntryRecord[]> {
  const { limits } = options;
  const end = yield* readEnd(fileSize);
  if (end.count > limits.maxEntries) throw fault('too-many-entries', { count: end.count, limit: limits.maxEntries });
  if (end.centralStart + end.centralSize > fileSize) throw fault('directory-beyond-end');
  // Each directory record is at least 46 bytes and at most 46 + three 16-bit lengths: a directory
  // far larger than its entries need is a lie.
  if (end.centralSize > end.count * (CENTRAL_HEADER_SIZE + 3 * MAX_U16)) throw fault('directory-oversized');
  const central = yield { position: end.centralStart, length: end.centralSize };
  if (central.length < end.centralSize) throw fault('truncated');

  const records: EntryRecord[] = [];
  const seen = new Set<string>();
  const seenFolded = new Set<string>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < end.count; i++) {
    if (at + CENTRAL_HEADER_SIZE > central.length || central.readUInt32LE(at) !== SIG_CENTRAL) throw fault('directory-entry', { index: i + 1 });
    const flags = central.readUInt16LE(at + 8);
    const rawMethod = central.readUInt16LE(at + 10);
    const crc = central.readUInt32LE(at + 16);
    let compressedSize = central.readUInt32LE(at + 20);
    let size = central.readUInt32LE(at + 24);
    const nameLength = central.readUInt16LE(at + 28);
    const extraLength = central.readUInt16LE(at + 30);
    const commentLength = central.readUInt16LE(at + 32);
    let offset = central.readUInt32LE(at + 42);
    const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (next > central.length) throw fault('directory-entry', { index: i + 1 });
    const nameBytes = central.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength);
    let name = decodeName(nameBytes, flags);
    const extra = central.subarray(at + CENTRAL_HEADER_SIZE + nameLength, at + CENTRAL_HEADER_SIZE + nameLength + extraLength);

    let unicodeName: string | null = null;
    let aes: EntryRecord['aes'] = null;
    let method = rawMethod;
    let zip64Seen = false;
    for (const field of extraFieldsOf(extra)) {
      if (field.id === EXTRA_ZIP64 && !zip64Seen) {
        zip64Seen = true;
        let p = 0;
        const take = (): number => {
          if (p + 8 > field.data.length) throw fault('zip64-field', { entry: name });
          const value = u64(field.data, p, name);
          p += 8;
          return value;
        };
        if (size === MAX_U32) size = take();
        if (compressedSize === MAX_U32) compressedSize = take();
        if (offset === MAX_U32) offset = take();
      } else if (field.id === EXTRA_UNICODE_PATH && field.data.length > 5 && field.data.readUInt32LE(1) === crc32(nameBytes)) {
        // unzip extracts the entry under this name when its check matches the header's name.
        unicodeName = new TextDecoder('utf-8').decode(field.data.subarray(5));
      } else if (field.id === EXTRA_AES && field.data.length >= 7) {
        aes = { vendorVersion: field.data.readUInt16LE(0), strength: field.data.readUInt8(4) };
        method = field.data.readUInt16LE(5);
      }
    }
    if (unicodeName !== null && unicodeName !== name) {
      // A name the header gives unambiguously (ASCII or flagged UTF-8) and another one for unzip: each tool would see another file.
      if ((flags & FLAG_UTF8) !== 0 || nameBytes.every((byte) => byte < 0x80)) throw fault('unsafe-path', { entry: name, reason: `outro nome em campo extra: ${unicodeName}` });
      // Info-ZIP's own case: the header in a code page, the field with the UTF-8 name unzip shows.
      name = unicodeName;
    }
    // Sizes or offset that overflow 32 bits with no Zip64 field to give them.
    if (!zip64Seen && (size === MAX_U32 || compressedSize === MAX_U32 || offset === MAX_U32)) throw fault('zip64-field', { entry: name });

    const reason = unsafePathReason(name);
    if (reason !== null) throw fault('unsafe-path', { entry: name, reason });
    const folded = name.normalize('NFC').toLowerCase();
    if (seen.has(name)) throw fault('duplicate', { entry: name });
    if (options.refuseCaseCollisions && seenFolded.has(folded)) throw fault('duplicate', { entry: name, folded: true });
    seen.add(name);
    seenFolded.add(folded);

    const encrypted = (flags & FLAG_ENCRYPTED) !== 0;
    if (encrypted && (rawMethod !== METHOD_AES || aes === null || ![1, 2, 3].includes(aes.strength))) throw fault('unsupported-encryption', { entry: name });
    if (!encrypted && rawMethod === METHOD_AES) throw fault('aes-without-encryption', { entry: name });
    if (method !== METHOD_STORE && method !== METHOD_DEFLATE) throw fault('unsupported-method', { entry: name, method });
    total += size;
    if (total > limits.maxTotalBytes) throw fault('too-large', { limit: limits.maxTotalBytes });
    if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxRatio) throw fault('ratio', { entry: name, size, compressedSize });
    if (method === METHOD_STORE && !encrypted && size !== compressedSize) throw fault('stored-size-mismatch', { entry: name });
    records.push({
      name,
      nameBytes: Buffer.from(nameBytes),
      size,
      compressedSize,
      method: method === METHOD_DEFLATE ? 'deflate' : 'store',
      encrypted,
      crc32: crc,
      flags,
      rawMethod,
      offset,
      aes,
    });
    at = next;
  }
  // Records past the count the end record gives: a reader going by the directory's size would list them.
  if (at !== central.length) throw fault('directory-oversized');

  // No entry may overlap another or the central directory (overlapping entries are a zip-bomb trick).
  const byOffset = [...records].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < byOffset.length; i++) {
    const record = byOffset[i]!;
    const limit = i + 1 < byOffset.length ? byOffset[i + 1]!.offset : end.centralStart;
    if (record.offset + LOCAL_HEADER_SIZE + record.nameBytes.length + record.compressedSize > limit) {
      if (record.offset + LOCAL_HEADER_SIZE + record.compressedSize > fileSize) throw fault('truncated', { entry: record.name });
      throw fault('overlap', { entry: record.name });
    }
  }
  yield* checkLayout(records, end.centralStart, fileSize);
  return records;
}

/** CP437's letters at 0x80–0x9F, where Latin-1 has invisible controls. */
const CP437_80_9F = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒ';

function decodeName(bytes: Buffer, flags: number): string {
  if ((flags & FLAG_UTF8) !== 0) return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // Without the UTF-8 flag the name is CP437: its accented letters at 0x80–0x9F are letters (never
  // a control that would make the name unsafe); anything else beyond ASCII is shown as Latin-1.
  return [...bytes].map((byte) => (byte >= 0x80 && byte <= 0x9f ? CP437_80_9F[byte - 0x80] : String.fromCharCode(byte))).join('');
}

function* extraFieldsOf(extra: Buffer): Generator<{ id: number; data: Buffer }> {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length) throw fault('extra-field');
    yield { id, data: extra.subarray(at + 4, at + 4 + length) };
    at += 4 + length;
  }
}
