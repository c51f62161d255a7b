// Lines of a package file encoded to UTF-8 as they are made: one encoding pass straight into a
// growing buffer, instead of an array of strings joined into one big string and then encoded (for
// 100 000 corrections that was a third of the export, more once a BOM made the joined text two-byte).
// Given how many lines are coming, the buffer takes its full size once the first lines tell how long
// a line is, instead of doubling (and copying) its way there. Node's Buffer#write encodes a line in
// place about twice as fast as TextEncoder#encodeInto, which needs a view of the buffer per line.
// Given a deflation (db/zip/deflateThread.ts), the lines are handed on a piece at a time as they are
// made, to be deflated meanwhile, and not kept.
import type { DeflatedEntry } from '../zip/entryDeflater';
import type { EntryDeflation } from '../zip/deflateThread';

/** Lines seen before the buffer is sized for the expected count. */
const SAMPLE_LINES = 64;
/** The pieces handed to a deflation (and the first buffer's size). */
const PIECE = 1 << 20;

export class Utf8Lines {
  // Unfilled: only the bytes written (up to `at`) are ever read.
  private buffer = Buffer.allocUnsafe(PIECE);
  private at = 0;
  private readonly end: Buffer;
  /** Lines added so far. */
  count = 0;

  /** `end`: what ends every line (`\n` for JSON Lines, `\r\n` for CSV); `expected`: about how many lines will come. */
  constructor(
    end: '\n' | '\r\n',
    private readonly expected = 0,
    private readonly deflation: EntryDeflation | null = null,
  ) {
    this.end = Buffer.from(end, 'latin1');
  }

  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const most = text.length * 3;
    if (this.deflation !== null) {
      if (this.at > 0 && this.at + most + this.end.length > this.buffer.length) this.handOn();
    } else if (this.count === SAMPLE_LINES && this.expected > SAMPLE_LINES) {
      this.reserve(Math.ceil((this.at / SAMPLE_LINES) * this.expected * 1.1));
    }
    this.reserve(most + this.end.length);
    this.at += this.buffer.write(text, this.at, most, 'utf8');
    this.at += this.end.copy(this.buffer, this.at);
    this.count++;
  }

  /**
   * The filled part goes to the deflation (which keeps it), and a new buffer takes its place —
   * none after the last piece.
   */
  private handOn(last = false): void {
    (this.deflation as EntryDeflation).write(this.buffer.subarray(0, this.at));
    this.buffer = last ? Buffer.alloc(0) : Buffer.allocUnsafe(PIECE);
    this.at = 0;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  /** The file's bytes (a view: add nothing after). Not for lines handed to a deflation: see `data`. */
  bytes(): Buffer {
    if (this.deflation !== null) throw new Error('these lines were handed to a deflation');
    return this.buffer.subarray(0, this.at);
  }

  /** The file once every line is in: its bytes, or its deflated entry once the deflation has the last piece. */
  data(): Buffer | Promise<DeflatedEntry> {
    if (this.deflation === null) return this.bytes();
    if (this.at > 0) this.handOn(true);
    return this.deflation.finish();
  }

  /** Gives up on the lines: a deflation's thread ends. */
  abort(): void {
    this.deflation?.abort();
  }
}
