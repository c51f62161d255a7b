// Time-ordered UUIDs (RFC 9562, version 7) for the rows one import writes. Random (v4) UUIDs land
// all over the `uuid` unique index; ordered ones append to its end, which keeps a 250 000-row
// import's inserts cheap. Each import gets its own random bits; a counter orders its rows.
import { randomBytes } from 'node:crypto';

/** A generator of v7 UUIDs stamped with `ms`: unique, and increasing in the order they are made. */
export function uuidV7Sequence(ms: number): () => string {
  const head = randomBytes(10);
  head.writeUIntBE(Math.max(0, Math.floor(ms)) % 2 ** 48, 0, 6);
  head[6] = 0x70 | ((head[6] as number) & 0x0f); // version 7
  head[8] = 0x80 | ((head[8] as number) & 0x3f); // RFC 9562 variant
  const hex = head.toString('hex');
  const prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-`;
  // The last 48 bits count up from a random start (far from overflowing in one import).
  let counter = randomBytes(4).readUInt32BE(0);
  return () => prefix + (counter++).toString(16).padStart(12, '0');
}
