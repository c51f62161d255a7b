// A careful zip reader for files that come back to the desk (backups to restore, acknowledgements,
// packages to verify). It trusts nothing in the file.
//
// API
//   const zip = await ZipReader.open(path, { password, limits })   // throws ZipError
//   zip.entries                          // every file entry, from the central directory
//   zip.encrypted                        // true when any entry is encrypted
//   await zip.checkPassword()            // ZIP_PASSWORD_REQUIRED / ZIP_PASSWORD_WRONG early
//   for await (const chunk of zip.stream(name)) …   // checked at the end: CRC or AES HMAC, size
//   await zip.read(name, maxBytes)       // the same, into one Buffer
//   await zip.close()
//
// What it refuses (ZipError with a stable `code` and a Portuguese `message`)
//   - not a zip or cut short (no end record), multi-disk, unknown methods or encryption;
//   - more than `maxEntries` entries, more than `maxTotalBytes` uncompressed, an entry over 1 MiB
//     that claims to expand more than `maxRatio` times, entries overlapping each other or the
//     central directory, and any entry producing more bytes than it declares (zip bombs);
//   - names leaving the archive: `..`, absolute, backslashes, drive letters, control characters;
//     two entries with the same name (also when they differ only in case, as on Windows);
//   - local headers that disagree with the central directory;
//   - WinZip AES entries (AE-1/AE-2, 128–256 bits) with a missing or wrong password (the 2-byte
//     verifier), or whose HMAC does not match (altered or damaged data); CRC mismatch otherwise.
import { timingSafeEqual } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { createAesMac, deriveAesKeys, WinZipCtr } from './winzipAes';
import {
  AES_MAC_BYTES,
  AES_VERIFIER_BYTES,
  CENTRAL_HEADER_SIZE,
  EOCD_SIZE,
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
  saltBytes,
  SIG_CENTRAL,
  SIG_EOCD,
  SIG_LOCAL,
  SIG_ZIP64_EOCD,
  SIG_ZIP64_LOCATOR,
  unsafePathReason,
  ZIP64_EOCD_SIZE,
  ZIP64_LOCATOR_SIZE,
} from './zipFormat';

export const ZIP_ERROR_CODES = [
  'ZIP_NOT_A_ZIP',
  'ZIP_TRUNCATED',
  'ZIP_CORRUPT',
  'ZIP_UNSUPPORTED',
  'ZIP_UNSAFE_PATH',
  'ZIP_DUPLICATE_ENTRY',
  'ZIP_TOO_MANY_ENTRIES',
  'ZIP_TOO_LARGE',
  'ZIP_RATIO',
  'ZIP_ENTRY_NOT_FOUND',
  'ZIP_PASSWORD_REQUIRED',
  'ZIP_PASSWORD_WRONG',
  'ZIP_AUTH_FAILED',
  'ZIP_CRC_MISMATCH',
] as const;
export type ZipErrorCode = (typeof ZIP_ERROR_CODES)[number];

export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed, checked for entries over 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 64 * 1024 ** 3, maxRatio: 1000 };

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
  /** Stored, deflate (the real method under AES). */
  method: 'store' | 'deflate';
  encrypted: boolean;
  crc32: number;
}

interface EntryRecord extends ZipEntryInfo {
  nameBytes: Buffer;
  flags: number;
  rawMethod: number;
  offset: number;
  aes: { strength: number; vendorVersion: number } | null;
  /** Where the entry's data starts, once its local header has been read. */
  dataOffset?: number;
}

const RATIO_FLOOR = 1024 * 1024;
const CHUNK = 1 << 20;

const MESSAGES = {
  notZip: 'O arquivo não é um zip válido ou está incompleto (o índice do zip não foi encontrado no fim do arquivo).',
  truncated: 'O arquivo zip está incompleto: termina antes do fim dos dados.',
  corrupt: (what: string) => `O arquivo zip está danificado (${what}).`,
  passwordRequired: 'Este arquivo está protegido por senha: informe a senha.',
  passwordWrong: 'Senha incorreta: não foi possível abrir o arquivo com a senha informada.',
  authFailed: (name: string) => `O conteúdo de "${name}" foi alterado ou está danificado (a autenticação da criptografia não confere), ou a senha está incorreta.`,
  crc: (name: string) => `O conteúdo de "${name}" está danificado (a soma de verificação CRC não confere).`,
};

export class ZipReader {
  private readonly byName = new Map<string, EntryRecord>();

  private constructor(
    private readonly file: FileHandle,
    readonly path: string,
    readonly fileSize: number,
    private readonly records: EntryRecord[],
    private readonly password: string | null,
  ) {
    for (const record of records) this.byName.set(record.name, record);
  }

  static async open(path: string, options: { password?: string | null; limits?: Partial<ZipLimits> } = {}): Promise<ZipReader> {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const records = await readCentralDirectory(file, size, limits);
      return new ZipReader(file, path, size, records, options.password ? options.password : null);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** File entries (directories left out), in the order of the central directory. */
  get entries(): ZipEntryInfo[] {
    return this.records
      .filter((r) => !r.name.endsWith('/'))
      .map(({ name, size, compressedSize, method, encrypted, crc32 }) => ({ name, size, compressedSize, method, encrypted, crc32 }));
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
    if (first) await this.keysFor(first);
  }

  private async keysFor(record: EntryRecord) {
    if (!record.aes) throw new ZipError('ZIP_UNSUPPORTED', `"${record.name}" usa uma criptografia que o CRESS Desk não abre (somente AES do WinZip).`, record.name);
    if (this.password === null) throw new ZipError('ZIP_PASSWORD_REQUIRED', MESSAGES.passwordRequired, record.name);
    const dataOffset = await this.dataOffsetOf(record);
    const saltLength = saltBytes(record.aes.strength);
    const head = await this.readExactly(dataOffset, saltLength + AES_VERIFIER_BYTES);
    const keys = deriveAesKeys(this.password, head.subarray(0, saltLength), record.aes.strength);
    if (!timingSafeEqual(keys.verifier, head.subarray(saltLength))) throw new ZipError('ZIP_PASSWORD_WRONG', MESSAGES.passwordWrong, record.name);
    return { keys, headerBytes: saltLength + AES_VERIFIER_BYTES };
  }

  private async readExactly(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.file.read(buffer, done, length - done, position + done);
      if (bytesRead === 0) throw new ZipError('ZIP_TRUNCATED', MESSAGES.truncated);
      done += bytesRead;
    }
    return buffer;
  }

  private async dataOffsetOf(record: EntryRecord): Promise<number> {
    if (record.dataOffset !== undefined) return record.dataOffset;
    const header = await this.readExactly(record.offset, LOCAL_HEADER_SIZE);
    if (header.readUInt32LE(0) !== SIG_LOCAL) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`cabeçalho de "${record.name}" não encontrado`), record.name);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const name = await this.readExactly(record.offset + LOCAL_HEADER_SIZE, nameLength);
    const sameMethod = header.readUInt16LE(8) === record.rawMethod;
    const sameEncryption = (header.readUInt16LE(6) & FLAG_ENCRYPTED) === (record.flags & FLAG_ENCRYPTED);
    if (!name.equals(record.nameBytes) || !sameMethod || !sameEncryption) {
      throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`o cabeçalho local de "${record.name}" não confere com o índice`), record.name);
    }
    record.dataOffset = record.offset + LOCAL_HEADER_SIZE + nameLength + extraLength;
    if (record.dataOffset + record.compressedSize > this.fileSize) throw new ZipError('ZIP_TRUNCATED', MESSAGES.truncated, record.name);
    return record.dataOffset;
  }

  private async *rawBytes(from: number, length: number): AsyncGenerator<Buffer> {
    let done = 0;
    while (done < length) {
      const size = Math.min(CHUNK, length - done);
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await this.file.read(buffer, 0, size, from + done);
      if (bytesRead === 0) throw new ZipError('ZIP_TRUNCATED', MESSAGES.truncated);
      done += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }

  /**
   * The entry's uncompressed bytes, chunk by chunk. The last step checks the CRC (or the AES
   * HMAC) and the size: a consumer must read to the end before trusting what it got.
   */
  async *stream(name: string): AsyncGenerator<Buffer> {
    const record = this.byName.get(name);
    if (!record || name.endsWith('/')) throw new ZipError('ZIP_ENTRY_NOT_FOUND', `O arquivo "${name}" não está no zip.`, name);
    let dataOffset = await this.dataOffsetOf(record);
    let dataLength = record.compressedSize;
    let decrypt: ((chunk: Buffer) => Buffer) | null = null;
    let mac: ReturnType<typeof createAesMac> | null = null;
    if (record.encrypted) {
      const { keys, headerBytes } = await this.keysFor(record);
      dataOffset += headerBytes;
      dataLength -= headerBytes + AES_MAC_BYTES;
      if (dataLength < 0) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`"${name}" é curto demais`), name);
      const ctr = new WinZipCtr(keys.encryption);
      const authenticator = createAesMac(keys.authentication);
      mac = authenticator;
      decrypt = (chunk) => {
        authenticator.update(chunk);
        return ctr.transform(chunk);
      };
    }
    const raw = this.rawBytes(dataOffset, dataLength);
    async function* plainCompressed(): AsyncGenerator<Buffer> {
      for await (const chunk of raw) yield decrypt ? decrypt(chunk) : chunk;
    }
    const compressed = Readable.from(plainCompressed(), { objectMode: false, highWaterMark: 2 });
    const output: AsyncIterable<Buffer> = record.method === 'deflate' ? pipeline(compressed, createInflateRaw({ chunkSize: 256 * 1024 }), () => {}) : compressed;

    let size = 0;
    let crc = 0;
    try {
      for await (const chunk of output) {
        size += chunk.length;
        if (size > record.size) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`"${name}" produz mais dados do que declara`), name);
        if (!record.encrypted || record.aes?.vendorVersion === 1) crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      // zlib's own errors mean the compressed data is damaged — or, encrypted, a wrong key.
      if (mac) throw new ZipError('ZIP_AUTH_FAILED', MESSAGES.authFailed(name), name);
      throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`dados comprimidos de "${name}" inválidos`), name);
    }
    if (mac) {
      const stored = await this.readExactly(dataOffset + dataLength, AES_MAC_BYTES);
      if (!timingSafeEqual(mac.digest(), stored)) throw new ZipError('ZIP_AUTH_FAILED', MESSAGES.authFailed(name), name);
    }
    if (size !== record.size) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`"${name}" tem ${size} bytes, o índice declara ${record.size}`), name);
    if ((!record.encrypted || record.aes?.vendorVersion === 1) && crc >>> 0 !== record.crc32) throw new ZipError('ZIP_CRC_MISMATCH', MESSAGES.crc(name), name);
  }

  /** The whole entry in memory; refuses entries larger than `maxBytes`. */
  async read(name: string, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
    const record = this.byName.get(name);
    if (record && record.size > maxBytes) throw new ZipError('ZIP_TOO_LARGE', `"${name}" é grande demais para ser lido (${record.size} bytes).`, name);
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(name)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Finds the end record, following the Zip64 locator when the classic fields overflow. */
async function readEnd(file: FileHandle, fileSize: number): Promise<{ count: number; centralSize: number; centralStart: number; endStart: number }> {
  if (fileSize < EOCD_SIZE) throw new ZipError('ZIP_NOT_A_ZIP', MESSAGES.notZip);
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_U16);
  const tail = await readAt(file, fileSize - tailLength, tailLength);
  let at = -1;
  // The record must end exactly at the end of the file, its comment included.
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('ZIP_NOT_A_ZIP', MESSAGES.notZip);
  const endStart = fileSize - tailLength + at;
  const disk = tail.readUInt16LE(at + 4);
  const centralDisk = tail.readUInt16LE(at + 6);
  let count = tail.readUInt16LE(at + 10);
  let centralSize = tail.readUInt32LE(at + 12);
  let centralStart = tail.readUInt32LE(at + 16);
  if ((disk !== 0 && disk !== MAX_U16) || (centralDisk !== 0 && centralDisk !== MAX_U16) || tail.readUInt16LE(at + 8) !== count) {
    throw new ZipError('ZIP_UNSUPPORTED', 'Zips divididos em vários volumes não são aceitos.');
  }
  if (count === MAX_U16 || centralSize === MAX_U32 || centralStart === MAX_U32) {
    if (endStart < ZIP64_LOCATOR_SIZE) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('registro Zip64 ausente'));
    const locator = await readAt(file, endStart - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
    if (locator.length < ZIP64_LOCATOR_SIZE || locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) {
      throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('localizador Zip64 ausente'));
    }
    const recordOffset = Number(locator.readBigUInt64LE(8));
    const record = await readAt(file, recordOffset, ZIP64_EOCD_SIZE);
    if (record.length < ZIP64_EOCD_SIZE || record.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('registro Zip64 inválido'));
    count = Number(record.readBigUInt64LE(32));
    centralSize = Number(record.readBigUInt64LE(40));
    centralStart = Number(record.readBigUInt64LE(48));
    if (recordOffset < centralStart + centralSize) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('registro Zip64 fora do lugar'));
  } else if (centralStart + centralSize > endStart) {
    throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('índice fora do lugar'));
  }
  return { count, centralSize, centralStart, endStart };
}

async function readCentralDirectory(file: FileHandle, fileSize: number, limits: ZipLimits): Promise<EntryRecord[]> {
  const end = await readEnd(file, fileSize);
  if (end.count > limits.maxEntries) {
    throw new ZipError('ZIP_TOO_MANY_ENTRIES', `O zip tem ${end.count} arquivos, mais do que os ${limits.maxEntries} aceitos.`);
  }
  if (end.centralSize > end.count * (CENTRAL_HEADER_SIZE + 3 * MAX_U16) || end.centralStart + end.centralSize > fileSize) {
    throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('tamanho do índice inválido'));
  }
  const central = await readAt(file, end.centralStart, end.centralSize);
  if (central.length < end.centralSize) throw new ZipError('ZIP_TRUNCATED', MESSAGES.truncated);

  const records: EntryRecord[] = [];
  const seen = new Set<string>();
  const seenFolded = new Set<string>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < end.count; i++) {
    if (at + CENTRAL_HEADER_SIZE > central.length || central.readUInt32LE(at) !== SIG_CENTRAL) {
      throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`entrada ${i + 1} do índice ilegível`));
    }
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
    if (next > central.length) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`entrada ${i + 1} do índice ilegível`));
    const nameBytes = central.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength);
    const name = decodeName(nameBytes, flags);
    const extra = central.subarray(at + CENTRAL_HEADER_SIZE + nameLength, at + CENTRAL_HEADER_SIZE + nameLength + extraLength);

    let aes: EntryRecord['aes'] = null;
    let method = rawMethod;
    for (const field of extraFieldsOf(extra)) {
      if (field.id === EXTRA_ZIP64) {
        let p = 0;
        const take = (): number => {
          if (p + 8 > field.data.length) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`campo Zip64 de "${name}" curto`), name);
          const value = Number(field.data.readBigUInt64LE(p));
          p += 8;
          return value;
        };
        if (size === MAX_U32) size = take();
        if (compressedSize === MAX_U32) compressedSize = take();
        if (offset === MAX_U32) offset = take();
      } else if (field.id === EXTRA_AES && field.data.length >= 7) {
        aes = { vendorVersion: field.data.readUInt16LE(0), strength: field.data.readUInt8(4) };
        method = field.data.readUInt16LE(5);
      }
    }

    const unsafe = unsafePathReason(name);
    if (unsafe !== null) throw new ZipError('ZIP_UNSAFE_PATH', `O zip contém um caminho inseguro, "${name}" (${unsafe}): o arquivo foi recusado.`, name);
    const folded = name.normalize('NFC').toLowerCase();
    if (seen.has(name) || seenFolded.has(folded)) throw new ZipError('ZIP_DUPLICATE_ENTRY', `O zip contém "${name}" mais de uma vez: o arquivo foi recusado.`, name);
    seen.add(name);
    seenFolded.add(folded);

    const encrypted = (flags & FLAG_ENCRYPTED) !== 0;
    if (encrypted && (rawMethod !== METHOD_AES || aes === null || ![1, 2, 3].includes(aes.strength))) {
      throw new ZipError('ZIP_UNSUPPORTED', `"${name}" usa uma criptografia que o CRESS Desk não abre (somente AES do WinZip).`, name);
    }
    if (!encrypted && rawMethod === METHOD_AES) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`"${name}" marcado como AES sem criptografia`), name);
    if (method !== METHOD_STORE && method !== METHOD_DEFLATE) {
      throw new ZipError('ZIP_UNSUPPORTED', `"${name}" usa um método de compressão não suportado (${method}).`, name);
    }
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError('ZIP_TOO_LARGE', `O conteúdo do zip passa do limite de ${limits.maxTotalBytes} bytes descompactados.`);
    if (size > RATIO_FLOOR && size > compressedSize * limits.maxRatio) {
      throw new ZipError('ZIP_RATIO', `"${name}" declara uma taxa de compressão implausível (${size} bytes a partir de ${compressedSize}): o arquivo foi recusado.`, name);
    }
    if (method === METHOD_STORE && !encrypted && size !== compressedSize) {
      throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`tamanhos de "${name}" incoerentes`), name);
    }
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

  // No entry may overlap another or the central directory (overlapping entries are a zip-bomb trick).
  const byOffset = [...records].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < byOffset.length; i++) {
    const record = byOffset[i]!;
    const limit = i + 1 < byOffset.length ? byOffset[i + 1]!.offset : end.centralStart;
    if (record.offset + LOCAL_HEADER_SIZE + record.nameBytes.length + record.compressedSize > limit) {
      if (record.offset + LOCAL_HEADER_SIZE + record.compressedSize > fileSize) throw new ZipError('ZIP_TRUNCATED', MESSAGES.truncated, record.name);
      throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(`"${record.name}" sobrepõe outra entrada`), record.name);
    }
  }
  return records;
}

function decodeName(bytes: Buffer, flags: number): string {
  if ((flags & FLAG_UTF8) !== 0) return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // Without the UTF-8 flag the name is CP437; anything beyond ASCII is shown as Latin-1.
  return bytes.toString('latin1');
}

function* extraFieldsOf(extra: Buffer): Generator<{ id: number; data: Buffer }> {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length) throw new ZipError('ZIP_CORRUPT', MESSAGES.corrupt('campo extra truncado'));
    yield { id, data: extra.subarray(at + 4, at + 4 + length) };
    at += 4 + length;
  }
}
