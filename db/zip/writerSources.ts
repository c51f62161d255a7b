// Where the bytes of a zip entry come from (bytes, text, a file on disk, a function called when the
// entry is written, or an entry deflated beforehand), read in 1 MiB chunks; and the reproducible AES
// salt derived from them.
import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isDeflatedEntry, type DeflatedEntry } from './entryDeflater';

/**
 * What an entry holds: bytes, UTF-8 text, a file on disk, its content already deflated
 * (entryDeflater.ts), or a function called when the entry is written.
 */
export type ZipSource = Uint8Array | string | { path: string } | DeflatedEntry | (() => Uint8Array | string | Promise<Uint8Array | string>);

const CHUNK = 1 << 20;
export const SALT_BYTES = 16;

export type Materialised = { bytes: Buffer } | { path: string } | DeflatedEntry;

export async function materialise(data: ZipSource): Promise<Materialised> {
  const value = typeof data === 'function' ? await data() : data;
  if (isDeflatedEntry(value)) return value;
  if (typeof value === 'string') return { bytes: Buffer.from(value, 'utf8') };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
  return { path: value.path };
}

/** The content of an entry not yet deflated, in chunks. */
export async function* chunksOf(source: Exclude<Materialised, DeflatedEntry>): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    for (let i = 0; i < source.bytes.length; i += CHUNK) yield source.bytes.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) yield chunk as Buffer;
}

export async function seededSalt(seed: string | Uint8Array, name: string, source: Materialised): Promise<Buffer> {
  let digest: Buffer;
  if (isDeflatedEntry(source)) digest = Buffer.from(source.sha256, 'hex');
  else {
    const content = createHash('sha256');
    for await (const chunk of chunksOf(source)) content.update(chunk);
    digest = content.digest();
  }
  return createHmac('sha256', seed)
    .update('cress-zip-salt\0')
    .update(name)
    .update('\0')
    .update(digest)
    .digest()
    .subarray(0, SALT_BYTES);
}
