// A streaming zip writer for the files that leave the desk (backups, batches for Implanta).
//
// API
//   const zip = await ZipWriter.create(path, options)   // the file must not exist yet
//   await zip.add({ name: 'bag/data/x.jsonl', data: buffer | string | { path } | deflated | () => buffer })
//   const summary = await zip.finish()                  // central directory, fsync, close
//   await zip.abort()                                   // on failure: close and remove the file
//   writeZip(path, entries, options)                    // all of the above, entries sorted by name
//
// What it writes
//   - Entries are deflated (node:zlib, `level`) or stored, read in 1 MiB chunks: a multi-gigabyte
//     database never sits in memory. An entry deflated beforehand at the same level
//     (entryDeflater.ts) is written as it comes. Each local header is written first and patched in place once
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
//   - The bytes of the headers and end records are laid out by headers.ts (tests build their small
//     archives with it too); where an entry's bytes come from is writerSources.ts.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { createAesMac, deriveAesKeys, WinZipCtr } from './aes';
import { AES_STRENGTH_256, deflateBound, dosDateTime, MAX_U32, METHOD_DEFLATE, METHOD_STORE, unsafePathReason } from './format';
import { centralDirectory, describeEntry, localHeader, type DosTime, type HeaderRecord } from './headers';
import { DEFLATE_CHUNK, isDeflatedEntry, type DeflatedEntry } from './entryDeflater';
import { chunksOf, materialise, SALT_BYTES, seededSalt, type Materialised, type ZipSource } from './writerSources';

export type { ZipSource } from './writerSources';

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

const FLUSH_AT = 4 << 20;

export class ZipWriter {
  private readonly records: HeaderRecord[] = [];
  private readonly results: ZipEntryResult[] = [];
  private readonly names = new Set<string>();
  private readonly dos: DosTime;
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
    const deflated = isDeflatedEntry(source) ? source : null;
    const size = deflated ? deflated.size : 'path' in source ? (await stat(source.path)).size : (source as { bytes: Buffer }).bytes.length;
    const method = (entry.method ?? this.options.method ?? 'deflate') === 'deflate' ? METHOD_DEFLATE : METHOD_STORE;
    if (deflated && (method !== METHOD_DEFLATE || deflated.level !== (this.options.level ?? 6))) {
      throw new Error(`"${entry.name}" was deflated at level ${deflated.level}, not as this archive's entries are`);
    }
    const password = this.options.password ? this.options.password : null;
    const aes = password !== null;
    const worstCase = (method === METHOD_DEFLATE ? deflateBound(size) : size) + (aes ? SALT_BYTES + 12 : 0);
    const zip64 = this.options.forceZip64 === true || size >= MAX_U32 || worstCase >= MAX_U32;

    const offset = this.position;
    const record = describeEntry(entry.name, method, { offset, zip64, aes });
    const header = localHeader(record, this.dos);
    await this.write(header);

    let salt: Buffer | null = null;
    if (aes) {
      salt = this.options.saltSeed !== undefined ? await seededSalt(this.options.saltSeed, entry.name, source) : randomBytes(SALT_BYTES);
    }
    const sha = entry.sha256 && !deflated ? createHash('sha256') : null;
    const counted = await this.writeData(source, method, password, salt, sha);
    if (counted.size !== size) throw new Error(`"${entry.name}" changed while it was being zipped (${size} → ${counted.size} bytes)`);

    record.crc = aes ? 0 : counted.crc; // AE-2 leaves the CRC out: the HMAC authenticates the data
    record.size = size;
    record.compressedSize = counted.compressedSize;
    await this.patch(offset, localHeader(record, this.dos), header);
    this.records.push(record);
    const result: ZipEntryResult = { name: entry.name, size, compressedSize: counted.compressedSize, crc32: counted.crc };
    if (entry.sha256) result.sha256 = deflated ? deflated.sha256 : (sha as Hash).digest('hex');
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
    async function* input(content: Exclude<Materialised, DeflatedEntry>): AsyncGenerator<Buffer> {
      for await (const chunk of chunksOf(content)) {
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
    let output: AsyncIterable<Buffer> | Iterable<Buffer>;
    if (isDeflatedEntry(source)) {
      // Counted and deflated as it was made: only its deflated pieces are left to write.
      signal?.throwIfAborted();
      ({ size, crc } = source);
      countIn(size);
      output = source.deflated;
    } else {
      const raw = Readable.from(input(source), { objectMode: false, highWaterMark: 2 });
      output = method === METHOD_DEFLATE ? pipeline(raw, createDeflateRaw({ level: this.options.level ?? 6, chunkSize: DEFLATE_CHUNK }), () => {}) : raw;
    }
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
    for (const part of centralDirectory(this.records, this.position, this.dos, this.options.forceZip64 === true)) await this.write(part);
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
