// A streaming zip writer for the files that leave the desk (backups, batches for Implanta).
//
// API
//   const zip = await ZipWriter.create(path, options)   // the file must not exist yet
//   await zip.add({ name: 'bag/data/x.jsonl', data: buffer | string | { path } | () => buffer })
//   const summary = await zip.finish()                  // central directory, fsync, close
//   await zip.abort()                                   // on failure: close and remove the file
//   writeZip(path, entries, options)                    // all of the above, entries sorted by name
//
// What it writes
//   - Entries are deflated (node:zlib, `level`) or stored, read in 1 MiB chunks: a multi-gigabyte
//     database never sits in memory. Each local header is written first and patched in place once
//     the entry's CRC and sizes are known, so no data descriptors are used.
//   - Reproducible: every entry gets the same timestamp (`modifiedAt`, DOS time from its local or
//     UTC fields), mode 0644, "made by Unix 6.3", no extra field but Zip64 and AES ones, UTF-8
//     flag only for non-ASCII names. `writeZip` sorts entries by name. Same inputs and options
//     (including `saltSeed` when encrypting) give byte-identical files.
//   - Zip64: an entry whose size (or worst-case deflated size) reaches 4 GiB gets Zip64 sizes in
//     its local and central headers; an archive past 4 GiB or 65 535 entries gets the Zip64 end
//     records. `forceZip64` does both for every entry (tests use it to check readers).
//   - Encryption (optional `password`): WinZip AES-256, AE-2 — method 99 with the 0x9901 extra
//     field, PBKDF2-HMAC-SHA1 keys, 16-byte salt, 2-byte verifier, AES-CTR, 10-byte HMAC-SHA1.
//     The salt is random, unless `saltSeed` is given: then it is the first 16 bytes of
//     HMAC-SHA256(seed, "cress-zip-salt", name, SHA-256 of the entry's content), so a re-export of
//     the same content is byte-identical while different content never reuses a keystream.
//     The password protects contents, not names (as in every zip).
import { createHash, createHmac, randomBytes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { createAesMac, deriveAesKeys, WinZipCtr } from './winzipAes';
import {
  AES_STRENGTH_256,
  AES_VENDOR_VERSION_AE2,
  CENTRAL_HEADER_SIZE,
  deflateBound,
  dosDateTime,
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
  METHOD_DEFLATE,
  METHOD_STORE,
  SIG_CENTRAL,
  SIG_EOCD,
  SIG_LOCAL,
  SIG_ZIP64_EOCD,
  SIG_ZIP64_LOCATOR,
  unsafePathReason,
  VERSION_AES,
  VERSION_DEFAULT,
  VERSION_MADE_BY,
  VERSION_ZIP64,
  ZIP64_EOCD_SIZE,
  ZIP64_LOCATOR_SIZE,
} from './zipFormat';

/** What an entry holds: bytes, UTF-8 text, a file on disk, or a function called when the entry is written. */
export type ZipSource = Uint8Array | string | { path: string } | (() => Uint8Array | string | Promise<Uint8Array | string>);

export interface ZipEntry {
  /** Relative path inside the archive, `/`-separated (no `..`, no leading `/`, no backslash). */
  name: string;
  data: ZipSource;
  /** Overrides the archive's method for this entry. */
  method?: 'deflate' | 'store';
  /** Also compute the SHA-256 of the uncompressed content (returned in the entry's result). */
  sha256?: boolean;
}

export interface ZipWriterOptions {
  /** Default `deflate`. */
  method?: 'deflate' | 'store';
  /** zlib level 1–9 for deflate; default 6. */
  level?: number;
  /** The timestamp of every entry; default: when the writer was created. */
  modifiedAt?: Date;
  /** Which fields of `modifiedAt` make the DOS time; default `local` (what unzip -l shows). */
  timeZone?: 'local' | 'utc';
  /** Encrypts every entry with WinZip AES-256 when set (non-empty). */
  password?: string | null;
  /** Makes the AES salts reproducible (see the top of this file). */
  saltSeed?: string | Uint8Array;
  /** Zip64 headers on every entry and Zip64 end records, whatever the sizes. */
  forceZip64?: boolean;
  /** Called as uncompressed bytes are consumed, with the running total of the archive. */
  onProgress?: (bytesIn: number) => void;
  /** Aborts between chunks. */
  signal?: AbortSignal;
}

export interface ZipEntryResult {
  name: string;
  size: number;
  compressedSize: number;
  crc32: number;
  /** Hex SHA-256 of the uncompressed content, when asked for. */
  sha256?: string;
}

export interface ZipSummary {
  path: string;
  bytes: number;
  entries: ZipEntryResult[];
}

interface CentralRecord {
  nameBytes: Buffer;
  flags: number;
  method: number;
  versionNeeded: number;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
  zip64: boolean;
  aesMethod: number | null;
}

const CHUNK = 1 << 20;
const FLUSH_AT = 4 << 20;
const SALT_BYTES = 16;

export class ZipWriter {
  private readonly records: CentralRecord[] = [];
  private readonly results: ZipEntryResult[] = [];
  private readonly names = new Set<string>();
  private readonly dos: { date: number; time: number };
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** File offset of the first pending byte. */
  private flushed = 0;
  private bytesIn = 0;
  private closed = false;

  private constructor(
    private readonly file: FileHandle,
    readonly path: string,
    private readonly options: ZipWriterOptions,
  ) {
    this.dos = dosDateTime(options.modifiedAt ?? new Date(), options.timeZone ?? 'local');
  }

  /** Creates `path` (which must not exist) and returns a writer on it. */
  static async create(path: string, options: ZipWriterOptions = {}): Promise<ZipWriter> {
    if (options.level !== undefined && (!Number.isInteger(options.level) || options.level < 0 || options.level > 9)) {
      throw new RangeError(`zip level must be 0-9, got ${options.level}`);
    }
    return new ZipWriter(await open(path, 'wx'), path, options);
  }

  private get position(): number {
    return this.flushed + this.pendingBytes;
  }

  private push(buffer: Buffer): void {
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const buffers = this.pending;
    const length = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    // writev may write less than asked (rare, large writes): finish with plain writes.
    const { bytesWritten: written } = await this.file.writev(buffers, this.flushed);
    if (written < length) {
      const rest = Buffer.concat(buffers).subarray(written);
      let offset = 0;
      while (offset < rest.length) {
        const r = await this.file.write(rest, offset, rest.length - offset, this.flushed + written + offset);
        offset += r.bytesWritten;
      }
    }
    this.flushed += length;
  }

  private async write(buffer: Buffer): Promise<void> {
    this.push(buffer);
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
  }

  /** Writes `header` over the bytes at `offset`: in memory if still pending, else on disk. */
  private async patch(offset: number, header: Buffer, original: Buffer): Promise<void> {
    if (offset >= this.flushed && this.pending.includes(original)) {
      header.copy(original);
      return;
    }
    await this.file.write(header, 0, header.length, offset);
  }

  /** Adds one entry; resolves when its bytes are written (or buffered). */
  async add(entry: ZipEntry): Promise<ZipEntryResult> {
    if (this.closed) throw new Error('zip writer already finished');
    const reason = unsafePathReason(entry.name);
    if (reason !== null || entry.name.endsWith('/')) throw new Error(`unsafe zip entry name "${entry.name}": ${reason ?? 'directory'}`);
    if (this.names.has(entry.name)) throw new Error(`duplicate zip entry name "${entry.name}"`);
    this.names.add(entry.name);

    const source = await materialise(entry.data);
    const size = 'path' in source ? (await stat(source.path)).size : source.bytes.length;
    const method = (entry.method ?? this.options.method ?? 'deflate') === 'deflate' ? METHOD_DEFLATE : METHOD_STORE;
    const password = this.options.password ? this.options.password : null;
    const aes = password !== null;
    const worstCase = (method === METHOD_DEFLATE ? deflateBound(size) : size) + (aes ? SALT_BYTES + 12 : 0);
    const zip64 = this.options.forceZip64 === true || size >= MAX_U32 || worstCase >= MAX_U32;

    const nameBytes = Buffer.from(entry.name, 'utf8');
    const ascii = nameBytes.length === entry.name.length;
    const flags = (aes ? FLAG_ENCRYPTED : 0) | (ascii ? 0 : FLAG_UTF8);
    const versionNeeded = Math.max(VERSION_DEFAULT, zip64 ? VERSION_ZIP64 : 0, aes ? VERSION_AES : 0);
    const extra = extraFields(zip64 ? { size: 0, compressedSize: 0 } : null, null, aes ? method : null);
    const offset = this.position;
    const header = localHeader({ nameBytes, flags, method: aes ? METHOD_AES : method, versionNeeded, crc: 0, size: 0, compressedSize: 0, zip64, extra, dos: this.dos });
    await this.write(header);

    let salt: Buffer | null = null;
    if (aes) {
      salt = this.options.saltSeed !== undefined ? await seededSalt(this.options.saltSeed, entry.name, source) : randomBytes(SALT_BYTES);
    }
    const sha = entry.sha256 ? createHash('sha256') : null;
    const counted = await this.writeData(source, method, password, salt, sha);
    if (counted.size !== size) throw new Error(`"${entry.name}" changed while it was being zipped (${size} → ${counted.size} bytes)`);

    const crc = aes ? 0 : counted.crc; // AE-2 leaves the CRC out: the HMAC authenticates the data
    const record: CentralRecord = {
      nameBytes,
      flags,
      method: aes ? METHOD_AES : method,
      versionNeeded,
      crc,
      size,
      compressedSize: counted.compressedSize,
      offset,
      zip64,
      aesMethod: aes ? method : null,
    };
    const finalExtra = extraFields(zip64 ? { size, compressedSize: counted.compressedSize } : null, null, record.aesMethod);
    const finalHeader = localHeader({ ...record, extra: finalExtra, dos: this.dos });
    await this.patch(offset, finalHeader, header);
    this.records.push(record);
    const result: ZipEntryResult = { name: entry.name, size, compressedSize: counted.compressedSize, crc32: counted.crc };
    if (sha) result.sha256 = sha.digest('hex');
    this.results.push(result);
    return result;
  }

  private async writeData(
    source: Materialised,
    method: number,
    password: string | null,
    salt: Buffer | null,
    sha: Hash | null,
  ): Promise<{ size: number; crc: number; compressedSize: number }> {
    let size = 0;
    let crc = 0;
    let compressedSize = 0;
    const { signal, onProgress } = this.options;
    const countIn = (bytes: number) => {
      this.bytesIn += bytes;
      onProgress?.(this.bytesIn);
    };
    async function* input(): AsyncGenerator<Buffer> {
      for await (const chunk of chunksOf(source)) {
        signal?.throwIfAborted();
        size += chunk.length;
        crc = crc32(chunk, crc);
        sha?.update(chunk);
        countIn(chunk.length);
        yield chunk;
      }
    }
    let ctr: WinZipCtr | null = null;
    let mac: ReturnType<typeof createAesMac> | null = null;
    if (password !== null && salt !== null) {
      const keys = deriveAesKeys(password, salt, AES_STRENGTH_256);
      ctr = new WinZipCtr(keys.encryption);
      mac = createAesMac(keys.authentication);
      await this.write(salt);
      await this.write(Buffer.from(keys.verifier));
      compressedSize += salt.length + keys.verifier.length;
    }
    const raw = Readable.from(input(), { objectMode: false, highWaterMark: 2 });
    const output: AsyncIterable<Buffer> =
      method === METHOD_DEFLATE
        ? pipeline(raw, createDeflateRaw({ level: this.options.level ?? 6, chunkSize: 256 * 1024 }), () => {})
        : raw;
    for await (const chunk of output) {
      let out = chunk;
      if (ctr && mac) {
        out = ctr.transform(chunk);
        mac.update(out);
      }
      compressedSize += out.length;
      await this.write(out);
    }
    if (mac) {
      const code = mac.digest();
      await this.write(code);
      compressedSize += code.length;
    }
    return { size, crc: crc >>> 0, compressedSize };
  }

  /** Writes the central directory and end records, flushes to disk (fsync) and closes the file. */
  async finish(): Promise<ZipSummary> {
    if (this.closed) throw new Error('zip writer already finished');
    const centralStart = this.position;
    for (const record of this.records) await this.write(centralHeader(record, this.dos));
    const centralSize = this.position - centralStart;
    const count = this.records.length;
    const zip64 = this.options.forceZip64 === true || count >= MAX_U16 || centralStart >= MAX_U32 || centralSize >= MAX_U32;
    if (zip64) {
      const recordOffset = this.position;
      await this.write(zip64EndRecord(count, centralSize, centralStart));
      await this.write(zip64Locator(recordOffset));
    }
    await this.write(endRecord(count, centralSize, centralStart, zip64));
    await this.flush();
    await this.file.sync();
    await this.file.close();
    this.closed = true;
    return { path: this.path, bytes: this.flushed, entries: this.results };
  }

  /** Closes and removes the unfinished file; safe to call more than once. */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.file.close().catch(() => {});
    }
    await rm(this.path, { force: true });
  }
}

/** Writes a whole archive, entries sorted by name (byte order) for reproducible output. */
export async function writeZip(path: string, entries: readonly ZipEntry[], options: ZipWriterOptions = {}): Promise<ZipSummary> {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const writer = await ZipWriter.create(path, options);
  try {
    for (const entry of sorted) await writer.add(entry);
    return await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

type Materialised = { bytes: Buffer } | { path: string };

async function materialise(data: ZipSource): Promise<Materialised> {
  const value = typeof data === 'function' ? await data() : data;
  if (typeof value === 'string') return { bytes: Buffer.from(value, 'utf8') };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
  return { path: value.path };
}

async function* chunksOf(source: Materialised): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    for (let i = 0; i < source.bytes.length; i += CHUNK) yield source.bytes.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) yield chunk as Buffer;
}

async function seededSalt(seed: string | Uint8Array, name: string, source: Materialised): Promise<Buffer> {
  const content = createHash('sha256');
  for await (const chunk of chunksOf(source)) content.update(chunk);
  return createHmac('sha256', seed)
    .update('cress-zip-salt\0')
    .update(name)
    .update('\0')
    .update(content.digest())
    .digest()
    .subarray(0, SALT_BYTES);
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

function localHeader(h: {
  nameBytes: Buffer;
  flags: number;
  method: number;
  versionNeeded: number;
  crc: number;
  size: number;
  compressedSize: number;
  zip64: boolean;
  extra: Buffer;
  dos: { date: number; time: number };
}): Buffer {
  const header = Buffer.alloc(LOCAL_HEADER_SIZE + h.nameBytes.length + h.extra.length);
  header.writeUInt32LE(SIG_LOCAL, 0);
  header.writeUInt16LE(h.versionNeeded, 4);
  header.writeUInt16LE(h.flags, 6);
  header.writeUInt16LE(h.method, 8);
  header.writeUInt16LE(h.dos.time, 10);
  header.writeUInt16LE(h.dos.date, 12);
  header.writeUInt32LE(h.crc >>> 0, 14);
  header.writeUInt32LE(h.zip64 ? MAX_U32 : h.compressedSize, 18);
  header.writeUInt32LE(h.zip64 ? MAX_U32 : h.size, 22);
  header.writeUInt16LE(h.nameBytes.length, 26);
  header.writeUInt16LE(h.extra.length, 28);
  h.nameBytes.copy(header, LOCAL_HEADER_SIZE);
  h.extra.copy(header, LOCAL_HEADER_SIZE + h.nameBytes.length);
  return header;
}

function centralHeader(r: CentralRecord, dos: { date: number; time: number }): Buffer {
  const offsetOverflows = r.offset >= MAX_U32;
  const extra = extraFields(r.zip64 ? { size: r.size, compressedSize: r.compressedSize } : null, offsetOverflows ? r.offset : null, r.aesMethod);
  const header = Buffer.alloc(CENTRAL_HEADER_SIZE + r.nameBytes.length + extra.length);
  header.writeUInt32LE(SIG_CENTRAL, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(r.versionNeeded, 6);
  header.writeUInt16LE(r.flags, 8);
  header.writeUInt16LE(r.method, 10);
  header.writeUInt16LE(dos.time, 12);
  header.writeUInt16LE(dos.date, 14);
  header.writeUInt32LE(r.crc >>> 0, 16);
  header.writeUInt32LE(r.zip64 ? MAX_U32 : r.compressedSize, 20);
  header.writeUInt32LE(r.zip64 ? MAX_U32 : r.size, 24);
  header.writeUInt16LE(r.nameBytes.length, 28);
  header.writeUInt16LE(extra.length, 30);
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
