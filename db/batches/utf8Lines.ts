// Lines of a package file encoded to UTF-8 as they are made: one encoding pass straight into a
// growing buffer, instead of an array of strings joined into one big string and then encoded (for
// 100 000 corrections that was a third of the export, more once a BOM made the joined text two-byte).
const encoder = new TextEncoder();

export class Utf8Lines {
  private buffer = new Uint8Array(1 << 20);
  private at = 0;
  private readonly end: Uint8Array;
  /** Lines added so far. */
  count = 0;

  /** `end`: what ends every line (`\n` for JSON Lines, `\r\n` for CSV). */
  constructor(end: '\n' | '\r\n') {
    this.end = encoder.encode(end);
  }

  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const most = text.length * 3;
    this.reserve(most + this.end.length);
    this.at += encoder.encodeInto(text, this.buffer.subarray(this.at, this.at + most)).written;
    this.buffer.set(this.end, this.at);
    this.at += this.end.length;
    this.count++;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.at + bytes));
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
  }

  /** The file's bytes (a view: add nothing after). */
  bytes(): Buffer {
    return Buffer.from(this.buffer.buffer, this.buffer.byteOffset, this.at);
  }
}
