// Many short texts kept as UTF-8 in blocks outside the JavaScript heap: a spreadsheet's shared
// strings (a million or more in a council's monthly file) and the rows an import reads before it
// checks them in the store's order. As JavaScript strings each would be an object the collector
// keeps and visits — and a text sliced out of the file's XML keeps its whole chunk alive —; here a
// text costs its bytes (one per character of most Portuguese text) and three numbers. Reading one
// back decodes it again (about 0.1 µs): measured on a 250 000-row sheet, the peak heap of reading
// it fell by the strings' share while reading took no longer.

/** Bytes per block. */
const BLOCK_BYTES = 4 << 20;

export class PackedTexts {
  private readonly blocks: Buffer[] = [];
  private used = BLOCK_BYTES;
  /** Per text: its block and where in it it starts and ends (block -1: kept as a string, longer than a block). */
  private places = new Int32Array(3 * 1024);
  private readonly long = new Map<number, string>();
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Keeps `text`; answers its index (0, 1, 2… in the order added). */
  add(text: string): number {
    const index = this.count++;
    if (this.places.length < 3 * this.count) {
      const grown = new Int32Array(this.places.length * 2);
      grown.set(this.places);
      this.places = grown;
    }
    const bytes = Buffer.byteLength(text);
    if (bytes > BLOCK_BYTES) {
      this.long.set(index, text);
      this.places[3 * index] = -1;
      return index;
    }
    if (this.used + bytes > BLOCK_BYTES) {
      this.blocks.push(Buffer.allocUnsafe(BLOCK_BYTES));
      this.used = 0;
    }
    const block = this.blocks.length - 1;
    (this.blocks[block] as Buffer).write(text, this.used, 'utf8');
    this.places[3 * index] = block;
    this.places[3 * index + 1] = this.used;
    this.places[3 * index + 2] = this.used + bytes;
    this.used += bytes;
    return index;
  }

  /** The text added as `index`; undefined past the last one. */
  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const block = this.places[3 * index] as number;
    if (block < 0) return this.long.get(index);
    return (this.blocks[block] as Buffer).toString('utf8', this.places[3 * index + 1], this.places[3 * index + 2]);
  }
}
