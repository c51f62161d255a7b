// The bytes of a zip's headers and end records, as the writer lays them out (PKWARE APPNOTE 6.3,
// WinZip AES extra field): what an entry's record says, its local and central headers, and the
// central directory with the end records. Pure functions: the writer streams them to disk, and
// tests build small archives with them in memory.
import {
  AES_STRENGTH_256,
  AES_VENDOR_VERSION_AE2,
  CENTRAL_HEADER_SIZE,
  EOCD_SIZE,
  EXTERNAL_ATTR_FILE,
  EXTRA_AES,
  EXTRA_ZIP64,
  FLAG_ENCRYPTED,
  FLAG_UTF8,
  LOCAL_HEADER_SIZE,
  MAX_U16,
  MAX_U32,
  METHOD_AES,
  SIG_CENTRAL,
  SIG_EOCD,
  SIG_LOCAL,
  SIG_ZIP64_EOCD,
  SIG_ZIP64_LOCATOR,
  VERSION_AES,
  VERSION_DEFAULT,
  VERSION_MADE_BY,
  VERSION_ZIP64,
  ZIP64_EOCD_SIZE,
  ZIP64_LOCATOR_SIZE,
} from './format';

/** DOS date and time fields, the same for every entry of an archive. */
export interface DosTime {
  date: number;
  time: number;
}

/** What the local and central headers say of one entry. */
export interface HeaderRecord {
  nameBytes: Buffer;
  flags: number;
  /** As written: 99 for AES, the real method is then `aesMethod`. */
  method: number;
  versionNeeded: number;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
  /** Sizes in a Zip64 extra field (the 32-bit fields say 0xFFFFFFFF). */
  zip64: boolean;
  aesMethod: number | null;
}

/**
 * The record of an entry about to be written at `offset`, sizes and CRC still 0: UTF-8 flag only
 * for non-ASCII names, AES as method 99 with the real method in its extra field.
 */
export function describeEntry(name: string, method: number, options: { offset: number; zip64: boolean; aes: boolean }): HeaderRecord {
  const { offset, zip64, aes } = options;
  const nameBytes = Buffer.from(name, 'utf8');
  const ascii = nameBytes.length === name.length;
  return {
    nameBytes,
    flags: (aes ? FLAG_ENCRYPTED : 0) | (ascii ? 0 : FLAG_UTF8),
    method: aes ? METHOD_AES : method,
    versionNeeded: Math.max(VERSION_DEFAULT, zip64 ? VERSION_ZIP64 : 0, aes ? VERSION_AES : 0),
    crc: 0,
    size: 0,
    compressedSize: 0,
    offset,
    zip64,
    aesMethod: aes ? method : null,
  };
}

function extraFields(zip64: { size: number; compressedSize: number } | null, offset: number | null, aesMethod: number | null): Buffer {
  const parts: Buffer[] = [];
  if (zip64) {
    const values = [zip64.size, zip64.compressedSize, ...(offset !== null ? [offset] : [])];
    const field = Buffer.alloc(4 + values.length * 8);
    field.writeUInt16LE(EXTRA_ZIP64, 0);
    field.writeUInt16LE(values.length * 8, 2);
    values.forEach((v, i) => field.writeBigUInt64LE(BigInt(v), 4 + i * 8));
    parts.push(field);
  } else if (offset !== null) {
    const field = Buffer.alloc(12);
    field.writeUInt16LE(EXTRA_ZIP64, 0);
    field.writeUInt16LE(8, 2);
    field.writeBigUInt64LE(BigInt(offset), 4);
    parts.push(field);
  }
  if (aesMethod !== null) {
    const field = Buffer.alloc(11);
    field.writeUInt16LE(EXTRA_AES, 0);
    field.writeUInt16LE(7, 2);
    field.writeUInt16LE(AES_VENDOR_VERSION_AE2, 4);
    field.write('AE', 6, 'latin1');
    field.writeUInt8(AES_STRENGTH_256, 8);
    field.writeUInt16LE(aesMethod, 9);
    parts.push(field);
  }
  return Buffer.concat(parts);
}

/**
 * The fields the local and the central header share, in the same order (version needed to the
 * extra field's length, 26 bytes): the central header has them two bytes later.
 */
function writeEntryFields(header: Buffer, at: number, h: HeaderRecord, dos: DosTime, extraLength: number): void {
  header.writeUInt16LE(h.versionNeeded, at);
  header.writeUInt16LE(h.flags, at + 2);
  header.writeUInt16LE(h.method, at + 4);
  header.writeUInt16LE(dos.time, at + 6);
  header.writeUInt16LE(dos.date, at + 8);
  header.writeUInt32LE(h.crc >>> 0, at + 10);
  header.writeUInt32LE(h.zip64 ? MAX_U32 : h.compressedSize, at + 14);
  header.writeUInt32LE(h.zip64 ? MAX_U32 : h.size, at + 18);
  header.writeUInt16LE(h.nameBytes.length, at + 22);
  header.writeUInt16LE(extraLength, at + 24);
}

/** The local header of an entry: the same length before its sizes are known and after. */
export function localHeader(h: HeaderRecord, dos: DosTime): Buffer {
  const extra = extraFields(h.zip64 ? { size: h.size, compressedSize: h.compressedSize } : null, null, h.aesMethod);
  const header = Buffer.alloc(LOCAL_HEADER_SIZE + h.nameBytes.length + extra.length);
  header.writeUInt32LE(SIG_LOCAL, 0);
  writeEntryFields(header, 4, h, dos, extra.length);
  h.nameBytes.copy(header, LOCAL_HEADER_SIZE);
  extra.copy(header, LOCAL_HEADER_SIZE + h.nameBytes.length);
  return header;
}

export function centralHeader(r: HeaderRecord, dos: DosTime): Buffer {
  const offsetOverflows = r.offset >= MAX_U32;
  const extra = extraFields(r.zip64 ? { size: r.size, compressedSize: r.compressedSize } : null, offsetOverflows ? r.offset : null, r.aesMethod);
  const header = Buffer.alloc(CENTRAL_HEADER_SIZE + r.nameBytes.length + extra.length);
  header.writeUInt32LE(SIG_CENTRAL, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  writeEntryFields(header, 6, r, dos, extra.length);
  header.writeUInt16LE(0, 32); // comment
  header.writeUInt16LE(0, 34); // disk
  header.writeUInt16LE(0, 36); // internal attributes
  header.writeUInt32LE(EXTERNAL_ATTR_FILE, 38);
  header.writeUInt32LE(offsetOverflows ? MAX_U32 : r.offset, 42);
  r.nameBytes.copy(header, CENTRAL_HEADER_SIZE);
  extra.copy(header, CENTRAL_HEADER_SIZE + r.nameBytes.length);
  return header;
}

function zip64EndRecord(count: number, centralSize: number, centralStart: number): Buffer {
  const record = Buffer.alloc(ZIP64_EOCD_SIZE);
  record.writeUInt32LE(SIG_ZIP64_EOCD, 0);
  record.writeBigUInt64LE(BigInt(ZIP64_EOCD_SIZE - 12), 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  record.writeUInt32LE(0, 16);
  record.writeUInt32LE(0, 20);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(centralSize), 40);
  record.writeBigUInt64LE(BigInt(centralStart), 48);
  return record;
}

function zip64Locator(recordOffset: number): Buffer {
  const locator = Buffer.alloc(ZIP64_LOCATOR_SIZE);
  locator.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
  locator.writeUInt32LE(0, 4);
  locator.writeBigUInt64LE(BigInt(recordOffset), 8);
  locator.writeUInt32LE(1, 16);
  return locator;
}

function endRecord(count: number, centralSize: number, centralStart: number, zip64: boolean): Buffer {
  const record = Buffer.alloc(EOCD_SIZE);
  record.writeUInt32LE(SIG_EOCD, 0);
  record.writeUInt16LE(0, 4);
  record.writeUInt16LE(0, 6);
  record.writeUInt16LE(zip64 ? MAX_U16 : count, 8);
  record.writeUInt16LE(zip64 ? MAX_U16 : count, 10);
  record.writeUInt32LE(zip64 ? MAX_U32 : centralSize, 12);
  record.writeUInt32LE(zip64 ? MAX_U32 : centralStart, 16);
  record.writeUInt16LE(0, 20);
  return record;
}

/**
 * The central directory of `records` starting at `centralStart`, then the end records: Zip64 ones
 * too past 65 535 entries or 4 GiB (or when `forceZip64`).
 */
export function centralDirectory(records: readonly HeaderRecord[], centralStart: number, dos: DosTime, forceZip64: boolean): Buffer[] {
  const parts = records.map((record) => centralHeader(record, dos));
  const centralSize = parts.reduce((sum, part) => sum + part.length, 0);
  const count = records.length;
  const zip64 = forceZip64 || count >= MAX_U16 || centralStart >= MAX_U32 || centralSize >= MAX_U32;
  if (zip64) parts.push(zip64EndRecord(count, centralSize, centralStart), zip64Locator(centralStart + centralSize));
  parts.push(endRecord(count, centralSize, centralStart, zip64));
  return parts;
}
