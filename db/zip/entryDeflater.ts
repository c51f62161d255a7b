// One zip entry deflated as its bytes are handed in, with the CRC-32 and SHA-256 of what was
// handed: a package's files can then be deflated while they are still being made (deflateThread.ts)
// instead of after. The same zlib stream, level and options as the writer's own (writer.ts): zlib's
// output does not depend on how its input is cut, so the entry's bytes are the ones the writer would
// have made from the whole file.
import { createHash } from 'node:crypto';
import { createDeflateRaw, crc32 } from 'node:zlib';

/** An entry's content already deflated (ZipWriter.add takes it as its data). */
export interface DeflatedEntry {
  /** The deflated bytes, in pieces. */
  deflated: Buffer[];
  /** Bytes before deflating. */
  size: number;
  crc: number;
  /** Hex SHA-256 of the bytes before deflating. */
  sha256: string;
  /** The zlib level it was deflated at (the writer refuses another). */
  level: number;
}

export function isDeflatedEntry(value: unknown): value is DeflatedEntry {
  return typeof value === 'object' && value !== null && Array.isArray((value as DeflatedEntry).deflated);
}

/** zlib's output piece: the writer's own. */
export const DEFLATE_CHUNK = 256 * 1024;

export class EntryDeflater {
  private readonly deflate;
  private readonly sha = createHash('sha256');
  private readonly out: Buffer[] = [];
  private readonly ended: Promise<void>;
  private crc = 0;
  private size = 0;

  constructor(readonly level: number) {
    this.deflate = createDeflateRaw({ level, chunkSize: DEFLATE_CHUNK });
    this.deflate.on('data', (piece: Buffer) => this.out.push(piece));
    this.ended = new Promise((resolve, reject) => {
      this.deflate.once('end', resolve);
      this.deflate.once('error', reject);
    });
    this.ended.catch(() => undefined); // seen by finish(), or by no one after abort()
  }

  /** Hands in the next bytes; they must not change afterwards. */
  write(piece: Buffer): void {
    this.size += piece.length;
    this.crc = crc32(piece, this.crc);
    this.sha.update(piece);
    this.deflate.write(piece);
  }

  finish(): Promise<DeflatedEntry> {
    this.deflate.end();
    const entry = this.ended.then(() => ({ deflated: this.out, size: this.size, crc: this.crc >>> 0, sha256: this.sha.digest('hex'), level: this.level }));
    entry.catch(() => undefined); // a caller that failed meanwhile never reads it
    return entry;
  }

  abort(): void {
    this.deflate.destroy();
  }
}
