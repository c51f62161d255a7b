// Raw DEFLATE (RFC 1951) decompression, synchronous and streaming, over Node's own zlib through
// minizlib (the library node-tar uses: its streams are synchronous, a write hands its output over
// before it returns). Import jobs are synchronous functions, and node:zlib's synchronous API
// inflates in one shot — which for a 250 000-row sheet would hold its whole 160 MB of XML at once.
// This pulls compressed bytes when it needs them, FEED bytes at a time (so one write never makes
// more than FEED × 1032 bytes, DEFLATE's largest ratio), and hands the output out in pieces of at
// most `chunkSize` bytes. Node's zlib replaced a decoder written in TypeScript here: it is 5–7×
// faster on a sheet of 50 MB. The zip reader drives it both from synchronous reads (imports) and
// from asynchronous ones: there `pull` answers undefined when the next bytes are not read yet, and
// `next` answers undefined until they are.
import type { ZlibOptions as NodeZlibOptions } from 'node:zlib';
import { InflateRaw, type ZlibOptions } from 'minizlib';

/** Compressed bytes given to zlib at a time. */
const FEED = 16 * 1024;

/** Thrown on data that is not valid DEFLATE (`truncated`: it ends too soon). */
export class InflateError extends Error {
  constructor(
    readonly truncated: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'InflateError';
  }
}

export class Inflater {
  private readonly zlib: InflateRaw;
  private readonly ready: Buffer[] = [];
  private failure: InflateError | null = null;
  private inputEnded = false;
  private streamEnded = false;
  private piece: Uint8Array | null = null;
  private pieceAt = 0;

  /** `pull` returns the next compressed bytes, null at the end of the input, undefined when none are at hand yet. */
  constructor(
    private readonly pull: () => Uint8Array | null | undefined,
    chunkSize = 64 * 1024,
  ) {
    // The options go to node:zlib as they are (minizlib's type leaves chunkSize out).
    const options: ZlibOptions & Pick<NodeZlibOptions, 'chunkSize'> = { chunkSize };
    this.zlib = new InflateRaw(options);
    this.zlib.on('data', (chunk: Buffer) => this.ready.push(chunk));
    this.zlib.on('end', () => (this.streamEnded = true));
    this.zlib.on('error', (error: unknown) => {
      // Input that stops before the last block is zlib's "unexpected end of file".
      const { code, message } = error as { code?: string; message?: string };
      this.failure = new InflateError(code === 'Z_BUF_ERROR', message ?? String(error));
    });
  }

  /** The next piece of output; null once the stream has ended; undefined while `pull` has no input at hand. */
  next(): Buffer | null | undefined {
    while (this.ready.length === 0) {
      if (this.failure) throw this.failure;
      if (this.streamEnded) return null;
      if (this.inputEnded) throw new InflateError(true, 'unexpected end of file');
      const input = this.nextInput();
      if (input === undefined) return undefined;
      if (input === null) {
        this.inputEnded = true;
        this.zlib.end();
      } else {
        this.zlib.write(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
      }
    }
    return this.ready.shift() as Buffer;
  }

  /** At most FEED compressed bytes, from what `pull` gave. */
  private nextInput(): Uint8Array | null | undefined {
    while (this.piece === null || this.pieceAt >= this.piece.length) {
      const piece = this.pull();
      if (piece === null || piece === undefined) return piece;
      this.piece = piece;
      this.pieceAt = 0;
    }
    const input = this.piece.subarray(this.pieceAt, this.pieceAt + FEED);
    this.pieceAt += input.length;
    return input;
  }
}
