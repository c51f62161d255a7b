// The desk's one zip reader, for every zip that comes back to it: spreadsheets to import (.xlsx,
// .xlsm, .ods — read synchronously inside an import job, streamed entry by entry so a big sheet
// is never held inflated whole), backups to restore, lote packages to verify and Implanta's
// acknowledgements (read asynchronously). It trusts nothing in the file.
//
// API
//   const zip = await ZipReader.open(path, options)     // or ZipReader.openSync(path or PositionalFile, options)
//   zip.entries, zip.entry(name), zip.has(name)          // from the central directory
//   zip.encrypted                                        // true when any entry is encrypted
//   await zip.checkPassword()                            // password required or wrong, early
//   for await (const chunk of zip.stream(name)) …        // checked at the end: CRC or AES HMAC, size
//   for (const chunk of zip.chunks(name)) …              // the same, synchronously
//   await zip.read(name, maxBytes), zip.readSync(name, maxBytes)   // the same, into one Buffer
//   await zip.close(), zip.closeSync()
//
// What it refuses: see directory.ts (the central directory) and entryData.ts (an entry's bytes).
// Failures are ZipErrors (ZIP_* codes, Portuguese messages) unless `faults` words them otherwise.
import { openPlainFile, type PositionalFile } from '../positionalFiles';
import { DEFAULT_LIMITS, readDirectory, type EntryRecord, type ZipEntryInfo, type ZipLimits } from './directory';
import { aesKeysOf, entryDecoder, type DecodeOptions, type EntryDecoder } from './entryData';
import { fault, ZipFault, type ZipFaultWords } from './faults';
import { runAsync, runSync } from './steps';
import { zipErrorOf } from './zipError';

export interface ZipReadOptions {
  /** For WinZip AES entries. */
  password?: string | null;
  limits?: Partial<ZipLimits>;
  /** Refuse two names equal once case-folded; default true (they collide when extracted on Windows). */
  refuseCaseCollisions?: boolean;
  /** Check each entry's CRC-32 once read; default true. */
  verifyCrc?: boolean;
  /** Turns a ZipFault into the caller's error; default: a ZipError. */
  faults?: ZipFaultWords;
}

/** Synchronous reads serve imports: small steps, each piece of a sheet scanned as it comes. */
const SYNC_DECODE = { readChunk: 64 * 1024, outputChunk: 64 * 1024 };
/** Asynchronous reads go to the thread pool: fewer, larger ones. */
const ASYNC_DECODE = { readChunk: 1 << 20, outputChunk: 256 * 1024 };

interface Settings {
  password: string | null;
  verifyCrc: boolean;
  words: ZipFaultWords;
}

function settingsOf(options: ZipReadOptions): Settings & { limits: ZipLimits; refuseCaseCollisions: boolean } {
  return {
    password: options.password ? options.password : null,
    verifyCrc: options.verifyCrc ?? true,
    words: options.faults ?? zipErrorOf,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    refuseCaseCollisions: options.refuseCaseCollisions ?? true,
  };
}

function infoOf({ name, size, compressedSize, method, encrypted, crc32 }: EntryRecord): ZipEntryInfo {
  return { name, size, compressedSize, method, encrypted, crc32 };
}

export class ZipReader {
  private readonly byName = new Map<string, EntryRecord>();
  private closed = false;
  /** The password opened an entry: a later entry refusing it is damaged, not locked with another one. */
  private passwordOpened = false;

  private constructor(
    private readonly file: PositionalFile,
    private readonly records: EntryRecord[],
    private readonly settings: Settings,
  ) {
    for (const record of records) this.byName.set(record.name, record);
  }

  get fileSize(): number {
    return this.file.size;
  }

  static async open(path: string, options: ZipReadOptions = {}): Promise<ZipReader> {
    const settings = settingsOf(options);
    const file = openPlainFile(path);
    try {
      return new ZipReader(file, await runAsync(readDirectory(file.size, settings), file), settings);
    } catch (error) {
      file.close();
      throw settings.words(error);
    }
  }

  /** `source`: a path, or a file already open (an encrypted private copy); the reader closes it. */
  static openSync(source: string | PositionalFile, options: ZipReadOptions = {}): ZipReader {
    const settings = settingsOf(options);
    const file = typeof source === 'string' ? openPlainFile(source) : source;
    try {
      return new ZipReader(file, runSync(readDirectory(file.size, settings), file), settings);
    } catch (error) {
      file.close();
      throw settings.words(error);
    }
  }

  /** File entries (directories left out), in the order of the central directory. */
  get entries(): ZipEntryInfo[] {
    return this.records.filter((r) => !r.name.endsWith('/')).map(infoOf);
  }

  /** One file entry, or undefined. Names are looked up in a Map: "__proto__" is just a name here. */
  entry(name: string): ZipEntryInfo | undefined {
    const record = this.byName.get(name);
    return record && !name.endsWith('/') ? infoOf(record) : undefined;
  }

  get encrypted(): boolean {
    return this.records.some((r) => r.encrypted);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Checks the password against the first encrypted entry's verifier (no-op when none is encrypted). */
  async checkPassword(): Promise<void> {
    const first = this.records.find((r) => r.encrypted);
    if (!first) return;
    try {
      await runAsync(aesKeysOf(first, this.settings.password, this.fileSize), this.file);
      this.passwordOpened = true;
    } catch (error) {
      throw this.wordsOf(error);
    }
  }

  private recordOf(name: string): EntryRecord {
    const record = this.byName.get(name);
    if (!record || name.endsWith('/')) throw fault('not-found', { entry: name });
    return record;
  }

  private *decoderSteps(name: string, decode: Omit<DecodeOptions, 'verifyCrc'>) {
    const record = this.recordOf(name);
    const decoder = yield* entryDecoder(record, this.settings.password, this.fileSize, { ...decode, verifyCrc: this.settings.verifyCrc });
    if (record.encrypted) this.passwordOpened = true;
    return decoder;
  }

  /** A fault in the caller's words; a password refused after it opened another entry is damage. */
  private wordsOf(error: unknown): unknown {
    const damaged = this.passwordOpened && error instanceof ZipFault && error.kind === 'password-wrong';
    return this.settings.words(damaged ? fault('verifier-damaged', error.facts) : error);
  }

  /**
   * The entry's uncompressed bytes, chunk by chunk. The last step checks the CRC (or the AES
   * HMAC) and the size: a consumer must read to the end before trusting what it got.
   */
  async *stream(name: string): AsyncGenerator<Buffer> {
    try {
      const decoder: EntryDecoder = await runAsync(this.decoderSteps(name, ASYNC_DECODE), this.file);
      for (;;) {
        const output = decoder.next();
        if (output === null) break;
        if (output === undefined) {
          const { position, length } = decoder.wanted();
          decoder.give(await this.file.readAtAsync(position, length));
        } else {
          yield output;
        }
      }
      const mac = decoder.macRequest();
      decoder.finish(mac ? await this.file.readAtAsync(mac.position, mac.length) : null);
    } catch (error) {
      throw this.wordsOf(error);
    }
  }

  /** The same, synchronously; `onCompressed` learns how many compressed bytes were read (for a progress bar). */
  *chunks(name: string, onCompressed?: (bytes: number) => void): Generator<Buffer> {
    try {
      const decoder = runSync(this.decoderSteps(name, SYNC_DECODE), this.file);
      for (;;) {
        const output = decoder.next();
        if (output === null) break;
        if (output === undefined) {
          const { position, length } = decoder.wanted();
          const raw = this.file.readAtSync(position, length);
          onCompressed?.(raw.length);
          decoder.give(raw);
        } else {
          yield output;
        }
      }
      const mac = decoder.macRequest();
      decoder.finish(mac ? this.file.readAtSync(mac.position, mac.length) : null);
    } catch (error) {
      throw this.wordsOf(error);
    }
  }

  private checkReadable(name: string, maxBytes: number): void {
    const record = this.byName.get(name);
    if (record && record.size > maxBytes) throw this.settings.words(fault('entry-too-large', { entry: name, size: record.size }));
  }

  /** The whole entry in memory; refuses entries larger than `maxBytes`. */
  async read(name: string, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
    this.checkReadable(name, maxBytes);
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(name)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** The same, synchronously. */
  readSync(name: string, maxBytes = 64 * 1024 * 1024): Buffer {
    this.checkReadable(name, maxBytes);
    const chunks: Buffer[] = [];
    for (const chunk of this.chunks(name)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async close(): Promise<void> {
    this.closeSync();
  }

  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.close();
  }
}
