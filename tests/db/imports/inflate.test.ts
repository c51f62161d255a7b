// The streaming inflater (Node's zlib, fed and drained in bounded pieces) against one-shot zlib: same bytes out, whatever the level or chunking.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InflateError, Inflater } from '../../../db/zip/inflate';

function inflate(compressed: Buffer, chunk: number): Buffer {
  let at = 0;
  const inflater = new Inflater(() => {
    if (at >= compressed.length) return null;
    const piece = compressed.subarray(at, at + chunk);
    at += chunk;
    return piece;
  });
  const parts: Uint8Array[] = [];
  for (let part = inflater.next(); part; part = inflater.next()) parts.push(part);
  return Buffer.concat(parts);
}

const xml = Buffer.from(Array.from({ length: 30_000 }, (_, i) => `<row r="${i}"><c r="A${i}" t="s"><v>${(i * 7) % 1000}</v></c></row>`).join(''));
const samples: [string, Buffer][] = [
  ['sheet XML', xml],
  ['random bytes', randomBytes(200_000)],
  ['one long run', Buffer.alloc(1_000_000, 65)],
  ['one byte', Buffer.from('a')],
  ['nothing', Buffer.alloc(0)],
];

describe('inflate', () => {
  for (const [name, data] of samples) {
    it(`gives back ${name} at every level and chunk size`, () => {
      for (const level of [0, 1, 6, 9]) {
        const compressed = deflateRawSync(data, { level });
        for (const chunk of [1, 7, 4096, 1 << 20]) {
          if (chunk === 1 && data.length > 300_000) continue;
          expect(inflate(compressed, chunk).equals(data), `level ${level}, chunk ${chunk}`).toBe(true);
        }
      }
    });
  }

  it('hands out bounded pieces while keeping back-references working across them', () => {
    let at = 0;
    const compressed = deflateRawSync(xml);
    const inflater = new Inflater(() => (at < compressed.length ? compressed.subarray(at, (at += 1000)) : null), 16 * 1024);
    const sizes: number[] = [];
    for (let part = inflater.next(); part; part = inflater.next()) sizes.push(part.length);
    // At most the 32 KiB window plus one chunk (the first piece has no history to keep yet).
    expect(Math.max(...sizes)).toBeLessThanOrEqual(32 * 1024 + 16 * 1024 + 258);
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(xml.length);
  });

  it('tells a stream cut short from a damaged one', () => {
    const compressed = deflateRawSync(xml);
    expect(() => inflate(compressed.subarray(0, compressed.length - 20), 4096)).toThrow(InflateError);
    try {
      inflate(compressed.subarray(0, compressed.length - 20), 4096);
    } catch (error) {
      expect((error as InflateError).truncated).toBe(true);
    }
    const damaged = Buffer.from(compressed);
    damaged[0] = 0xff; // block type 3 does not exist
    expect(() => inflate(damaged, 4096)).toThrow(/invalid block type/);
  });
});
