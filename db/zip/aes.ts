// WinZip AES (AE-2), the zip encryption 7-Zip, WinZip and most archivers open: keys from
// PBKDF2-HMAC-SHA1 (1000 iterations), AES in CTR mode with WinZip's little-endian counter starting
// at 1, and HMAC-SHA1 over the ciphertext truncated to 10 bytes. Node has no little-endian CTR, so
// the keystream is AES-ECB over counter blocks.
import { createCipheriv, createHmac, pbkdf2Sync, type Cipheriv, type Hmac } from 'node:crypto';
import { AES_KEY_BYTES, AES_MAC_BYTES, AES_VERIFIER_BYTES } from './format';

const PBKDF2_ITERATIONS = 1000;
const BLOCK = 16;

export interface AesKeys {
  encryption: Buffer;
  authentication: Buffer;
  verifier: Buffer;
}

/** The keys and the 2-byte password verifier for one entry's salt. Passwords are UTF-8. */
export function deriveAesKeys(password: string, salt: Buffer, strength: number): AesKeys {
  const keyBytes = AES_KEY_BYTES[strength];
  if (keyBytes === undefined) throw new Error(`unknown AES strength ${strength}`);
  const material = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, PBKDF2_ITERATIONS, keyBytes * 2 + AES_VERIFIER_BYTES, 'sha1');
  return {
    encryption: material.subarray(0, keyBytes),
    authentication: material.subarray(keyBytes, keyBytes * 2),
    verifier: material.subarray(keyBytes * 2),
  };
}

/** CTR transform with WinZip's counter; the same call encrypts and decrypts. */
export class WinZipCtr {
  private readonly ecb: Cipheriv;
  private counter = 1;
  private spare: Buffer = Buffer.alloc(0);

  constructor(key: Buffer) {
    const algorithm = `aes-${key.length * 8}-ecb`;
    this.ecb = createCipheriv(algorithm, key, null).setAutoPadding(false);
  }

  /** Returns a new buffer: `chunk` XOR the next keystream bytes. */
  transform(chunk: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(chunk.length);
    // Keystream left over from the previous call.
    const done = Math.min(this.spare.length, chunk.length);
    for (let i = 0; i < done; i++) out[i] = chunk[i]! ^ this.spare[i]!;
    this.spare = this.spare.subarray(done);
    if (done === chunk.length) return out;

    const blocks = Math.ceil((chunk.length - done) / BLOCK);
    const counters = Buffer.alloc(blocks * BLOCK);
    for (let b = 0; b < blocks; b++) {
      const n = this.counter++;
      counters.writeUInt32LE(n >>> 0, b * BLOCK);
      counters.writeUInt32LE(Math.floor(n / 0x100000000), b * BLOCK + 4);
    }
    const keystream = this.ecb.update(counters);
    xorInto(out, done, chunk, done, keystream, chunk.length - done);
    this.spare = keystream.subarray(chunk.length - done);
    return out;
  }
}

/** out[o..] = a[ao..] ^ b[0..], `length` bytes; four bytes at a time when the views are aligned. */
function xorInto(out: Buffer, o: number, a: Uint8Array, ao: number, b: Buffer, length: number): void {
  out.set(a.subarray(ao, ao + length), o);
  let i = 0;
  const outStart = out.byteOffset + o;
  if (outStart % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = length >>> 2;
    const x = new Uint32Array(out.buffer, outStart, words);
    const y = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) x[w]! ^= y[w]!;
    i = words * 4;
  }
  for (; i < length; i++) out[o + i]! ^= b[i]!;
}

/** HMAC-SHA1 over the ciphertext, truncated to WinZip's 10 bytes at the end. */
export function createAesMac(key: Buffer): { update(chunk: Uint8Array): void; digest(): Buffer } {
  const hmac: Hmac = createHmac('sha1', key);
  return {
    update: (chunk) => void hmac.update(chunk),
    digest: () => hmac.digest().subarray(0, AES_MAC_BYTES),
  };
}
