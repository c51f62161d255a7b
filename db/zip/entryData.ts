// One entry's data: its local header checked against the directory (localHeader.ts), the WinZip
// AES password checked against its verifier, then the bytes decrypted (AES-CTR, HMAC over the ciphertext),
// inflated (store or deflate, through the streaming inflater) and accounted for — never more than
// the directory declared, and at the end exactly that, with a matching CRC or HMAC.
//
// The decoder does no I/O: its driver hands it the compressed bytes it asks for, synchronously
// (imports) or not (packages), and takes its output piece by piece.
import { timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createAesMac, deriveAesKeys, WinZipCtr, type AesKeys } from './aes';
import type { EntryRecord } from './directory';
import { fault } from './faults';
import { AES_MAC_BYTES, AES_VERIFIER_BYTES, saltBytes } from './format';
import { InflateError, Inflater } from './inflate';
import { dataOffsetOf, exactly } from './localHeader';
import type { ReadRequest, Steps } from './steps';

/** The AES keys of an encrypted entry, once the password matches its verifier. */
export function* aesKeysOf(record: EntryRecord, password: string | null, fileSize: number): Steps<{ keys: AesKeys; headerBytes: number }> {
  if (!record.aes) throw fault('unsupported-encryption', { entry: record.name });
  if (password === null) throw fault('password-required', { entry: record.name });
  const dataOffset = yield* dataOffsetOf(record, fileSize);
  const saltLength = saltBytes(record.aes.strength);
  // Too short for its own header and code: reading on would check the password against the next entry's bytes.
  if (record.compressedSize < saltLength + AES_VERIFIER_BYTES + AES_MAC_BYTES) throw fault('aes-too-short', { entry: record.name });
  const head = yield* exactly(dataOffset, saltLength + AES_VERIFIER_BYTES);
  const keys = deriveAesKeys(password, head.subarray(0, saltLength), record.aes.strength);
  if (!timingSafeEqual(keys.verifier, head.subarray(saltLength))) throw fault('password-wrong', { entry: record.name });
  return { keys, headerBytes: saltLength + AES_VERIFIER_BYTES };
}

export interface DecodeOptions {
  /** Compressed bytes asked for at a time. */
  readChunk: number;
  /** Largest piece of inflated output. */
  outputChunk: number;
  verifyCrc: boolean;
}

/** Sets up the decoder of an entry: local header, then the password for an encrypted one. */
export function* entryDecoder(record: EntryRecord, password: string | null, fileSize: number, options: DecodeOptions): Steps<EntryDecoder> {
  let start = yield* dataOffsetOf(record, fileSize);
  let length = record.compressedSize;
  let aes: AesKeys | null = null;
  if (record.encrypted) {
    const { keys, headerBytes } = yield* aesKeysOf(record, password, fileSize);
    start += headerBytes;
    length -= headerBytes + AES_MAC_BYTES;
    if (length < 0) throw fault('aes-too-short', { entry: record.name });
    aes = keys;
  }
  return new EntryDecoder(record, start, length, aes, options);
}

export class EntryDecoder {
  private readonly inflater: Inflater | null;
  private readonly ctr: WinZipCtr | null;
  private readonly mac: ReturnType<typeof createAesMac> | null;
  private readonly crcChecked: boolean;
  /** Compressed (decrypted) bytes handed over and not yet taken. */
  private pending: Buffer | null = null;
  private given = 0;
  private produced = 0;
  private crc = 0;

  constructor(
    private readonly record: EntryRecord,
    private readonly start: number,
    private readonly length: number,
    keys: AesKeys | null,
    private readonly options: DecodeOptions,
  ) {
    this.ctr = keys ? new WinZipCtr(keys.encryption) : null;
    this.mac = keys ? createAesMac(keys.authentication) : null;
    // AE-2 leaves the CRC out (the HMAC authenticates the data); AE-1 keeps it.
    this.crcChecked = options.verifyCrc && (!record.encrypted || record.aes?.vendorVersion === 1);
    this.inflater = record.method === 'deflate' ? new Inflater(() => this.take(), options.outputChunk) : null;
  }

  /** What to read next, when `next` answered undefined. */
  wanted(): ReadRequest {
    return { position: this.start + this.given, length: Math.min(this.options.readChunk, this.length - this.given) };
  }

  /** Hands over the bytes read for `wanted()`. */
  give(raw: Buffer): void {
    if (raw.length === 0) throw fault('truncated', { entry: this.record.name });
    this.given += raw.length;
    if (this.ctr && this.mac) {
      this.mac.update(raw);
      this.pending = this.ctr.transform(raw);
    } else {
      this.pending = raw;
    }
  }

  private take(): Buffer | null | undefined {
    const piece = this.pending;
    if (piece !== null) {
      this.pending = null;
      return piece;
    }
    return this.given >= this.length ? null : undefined;
  }

  /** The next piece of output; undefined when bytes must be given first (see `wanted`); null at the end. */
  next(): Buffer | null | undefined {
    let output: Buffer | null | undefined;
    if (this.inflater) {
      try {
        output = this.inflater.next();
      } catch (error) {
        if (error instanceof InflateError) throw fault('inflate', { entry: this.record.name, truncated: error.truncated, encrypted: this.record.encrypted });
        throw error;
      }
    } else {
      output = this.take();
    }
    if (!output) return output;
    this.produced += output.length;
    // An entry may never produce more than its directory record declared (a lying zip bomb).
    if (this.produced > this.record.size) throw fault('overflow', { entry: this.record.name });
    if (this.crcChecked) this.crc = crc32(output, this.crc);
    return output;
  }

  /** Where the 10-byte HMAC of an encrypted entry is, to read before `finish`. */
  macRequest(): ReadRequest | null {
    return this.mac ? { position: this.start + this.length, length: AES_MAC_BYTES } : null;
  }

  /** The checks once all output was taken: HMAC, size, CRC. */
  finish(storedMac: Buffer | null): void {
    const name = this.record.name;
    if (this.mac && (storedMac === null || storedMac.length < AES_MAC_BYTES || !timingSafeEqual(this.mac.digest(), storedMac))) {
      throw storedMac !== null && storedMac.length < AES_MAC_BYTES ? fault('truncated', { entry: name }) : fault('auth-failed', { entry: name });
    }
    if (this.produced !== this.record.size) throw fault('size-mismatch', { entry: name, produced: this.produced, size: this.record.size });
    if (this.crcChecked && this.crc >>> 0 !== this.record.crc32) throw fault('crc', { entry: name });
  }
}
