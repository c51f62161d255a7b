// The zip container of .xlsx/.xlsm/.ods, read synchronously. Its central directory is checked
// before anything is inflated — entry count, total uncompressed size, compression ratio — so a
// zip bomb is refused at once; while inflating, an entry may never produce more than it declared.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CENTRAL_HEADER_SIZE, SIG_CENTRAL, SIG_EOCD, SIG_LOCAL, SIG_ZIP64_EOCD, SIG_ZIP64_LOCATOR } from '../../packaging/zipFormat';
import { InflateError, Inflater } from './inflate';
import { FILE_MESSAGES, unreadable, unsafe, type ReaderLimits } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localOffset: number;
}

// The zip format's numbers are shared with the packaging code; this reader differs in being
// synchronous and streaming entries through its own inflater inside one job.
const EOCD_SIGNATURE = SIG_EOCD;
const ZIP64_LOCATOR_SIGNATURE = SIG_ZIP64_LOCATOR;
const ZIP64_EOCD_SIGNATURE = SIG_ZIP64_EOCD;
const CENTRAL_SIGNATURE = SIG_CENTRAL;
const LOCAL_SIGNATURE = SIG_LOCAL;
const READ_CHUNK = 64 * 1024;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Reads a little-endian 64-bit size that must fit a safe integer. */
function u64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unsafe(FILE_MESSAGES.bomb);
  return Number(value);
}

function inflateStep(step: () => Uint8Array | null): Uint8Array | null {
  try {
    return step();
  } catch (error) {
    if (error instanceof InflateError) throw error.truncated ? unreadable(FILE_MESSAGES.truncated) : unreadable(FILE_MESSAGES.damaged('dados compactados inválidos'));
    throw error;
  }
}

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly fileSize: number,
    private readonly limits: ReaderLimits,
  ) {}

  static open(path: string, limits: ReaderLimits): ZipArchive {
    const fd = openSync(path, 'r');
    try {
      const archive = new ZipArchive(fd, fstatSync(fd).size, limits);
      archive.readDirectory();
      return archive;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  private readDirectory(): void {
    // The end record sits in the last 22 bytes plus a comment of at most 65 535 bytes.
    const tailLength = Math.min(this.fileSize, 22 + 0xffff);
    const tail = readAt(this.fd, this.fileSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw unreadable(FILE_MESSAGES.truncated);
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) throw unreadable(FILE_MESSAGES.damaged('arquivo dividido em partes'));

    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locatorAt = this.fileSize - tailLength + eocd - 20;
      const locator = locatorAt >= 0 ? readAt(this.fd, locatorAt, 20) : Buffer.alloc(0);
      if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) throw unreadable(FILE_MESSAGES.truncated);
      const record = readAt(this.fd, u64(locator, 8), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw unreadable(FILE_MESSAGES.truncated);
      count = u64(record, 32);
      directorySize = u64(record, 40);
      directoryOffset = u64(record, 48);
    }
    if (count > this.limits.maxZipEntries) throw unsafe(FILE_MESSAGES.tooManyEntries(count));
    if (directoryOffset + directorySize > this.fileSize) throw unreadable(FILE_MESSAGES.truncated);
    // Each directory record is at least 46 bytes: a directory far larger than its entries need is a lie.
    if (directorySize > count * (CENTRAL_HEADER_SIZE + 3 * 0xffff)) throw unsafe(FILE_MESSAGES.bomb);

    const directory = readAt(this.fd, directoryOffset, directorySize);
    let position = 0;
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (position + CENTRAL_HEADER_SIZE > directory.length || directory.readUInt32LE(position) !== CENTRAL_SIGNATURE) {
        throw unreadable(FILE_MESSAGES.damaged('diretório interno inconsistente'));
      }
      const flags = directory.readUInt16LE(position + 8);
      const method = directory.readUInt16LE(position + 10);
      let compressedSize = directory.readUInt32LE(position + 20);
      let size = directory.readUInt32LE(position + 24);
      const nameLength = directory.readUInt16LE(position + 28);
      const extraLength = directory.readUInt16LE(position + 30);
      const commentLength = directory.readUInt16LE(position + 32);
      let localOffset = directory.readUInt32LE(position + 42);
      const name = directory.toString('utf8', position + 46, position + 46 + nameLength);
      const extraStart = position + 46 + nameLength;
      if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        const zip64 = this.zip64Extra(directory.subarray(extraStart, extraStart + extraLength));
        if (size === 0xffffffff) size = zip64.next();
        if (compressedSize === 0xffffffff) compressedSize = zip64.next();
        if (localOffset === 0xffffffff) localOffset = zip64.next();
      }
      position = extraStart + extraLength + commentLength;

      const entry: ZipEntry = { name, method, encrypted: (flags & 1) === 1, compressedSize, size, localOffset };
      this.checkEntry(entry);
      total += size;
      if (total > this.limits.maxUncompressedBytes) throw unsafe(FILE_MESSAGES.bomb);
      if (this.entries.has(name)) throw unsafe(FILE_MESSAGES.damaged(`a parte interna “${name}” aparece duas vezes; o arquivo foi recusado por segurança`));
      // Names are looked up in a Map: "__proto__" or "constructor" are just names here.
      if (!name.endsWith('/')) this.entries.set(name, entry);
    }
  }

  private zip64Extra(extra: Buffer): { next(): number } {
    let at = 0;
    while (at + 4 <= extra.length) {
      const id = extra.readUInt16LE(at);
      const length = extra.readUInt16LE(at + 2);
      if (id === 0x0001) {
        let field = at + 4;
        const end = field + length;
        return {
          next: () => {
            if (field + 8 > end) throw unreadable(FILE_MESSAGES.damaged('tamanhos zip64 ausentes'));
            const value = u64(extra, field);
            field += 8;
            return value;
          },
        };
      }
      at += 4 + length;
    }
    throw unreadable(FILE_MESSAGES.damaged('tamanhos zip64 ausentes'));
  }

  private checkEntry(entry: ZipEntry): void {
    if (entry.localOffset + 30 + entry.compressedSize > this.fileSize) throw unreadable(FILE_MESSAGES.truncated);
    if (entry.size > this.limits.ratioFloorBytes && entry.size > entry.compressedSize * this.limits.maxRatio) throw unsafe(FILE_MESSAGES.bomb);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Where the entry's compressed data starts (after its local header). */
  private dataStart(entry: ZipEntry): number {
    const header = readAt(this.fd, entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw unreadable(FILE_MESSAGES.damaged('parte interna sem cabeçalho'));
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) throw unreadable(FILE_MESSAGES.truncated);
    return start;
  }

  /**
   * The entry's bytes, chunk by chunk. `onCompressed` learns how many compressed bytes were
   * consumed (for a progress bar).
   */
  *chunks(name: string, onCompressed?: (bytes: number) => void): Generator<Uint8Array> {
    const entry = this.entries.get(name);
    if (!entry) throw unreadable(FILE_MESSAGES.damaged(`parte ${name} ausente`));
    if (entry.encrypted) throw unreadable(FILE_MESSAGES.encrypted);
    if (entry.method !== 0 && entry.method !== 8) throw unreadable(FILE_MESSAGES.damaged(`compactação ${entry.method} não suportada`));
    const start = this.dataStart(entry);
    let produced = 0;
    // An entry may never produce more than its directory record declared (a lying zip bomb).
    const account = (output: Uint8Array): Uint8Array => {
      produced += output.length;
      if (produced > entry.size) throw unsafe(FILE_MESSAGES.bomb);
      return output;
    };

    if (entry.method === 0) {
      for (let at = 0; at < entry.compressedSize; at += READ_CHUNK) {
        const piece = readAt(this.fd, start + at, Math.min(READ_CHUNK, entry.compressedSize - at));
        onCompressed?.(piece.length);
        yield account(piece);
      }
    } else {
      let at = 0;
      const inflater = new Inflater(() => {
        if (at >= entry.compressedSize) return null;
        const piece = readAt(this.fd, start + at, Math.min(READ_CHUNK, entry.compressedSize - at));
        if (piece.length === 0) return null;
        at += piece.length;
        onCompressed?.(piece.length);
        return piece;
      });
      for (;;) {
        const output = inflateStep(() => inflater.next());
        if (!output) break;
        yield account(output);
      }
    }
    if (produced !== entry.size) throw unreadable(FILE_MESSAGES.truncated);
  }

  /** A small entry whole, as text (refused above `maxBytes`). */
  readText(name: string, maxBytes: number): string {
    const entry = this.entries.get(name);
    if (!entry) throw unreadable(FILE_MESSAGES.damaged(`parte ${name} ausente`));
    if (entry.size > maxBytes) throw unsafe(FILE_MESSAGES.bomb);
    const parts: Uint8Array[] = [];
    for (const chunk of this.chunks(name)) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
