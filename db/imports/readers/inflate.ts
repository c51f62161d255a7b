// Raw DEFLATE (RFC 1951) decompression, synchronous and streaming, in plain TypeScript.
// Import jobs are synchronous functions (they hold one SQLite transaction in a worker thread), and
// Node's zlib only inflates synchronously in one shot — which for a 250 000-row sheet would hold
// its whole 160 MB of XML at once. This decoder pulls compressed bytes when it needs them and hands
// out the output in bounded chunks, keeping only the 32 KiB window DEFLATE refers back to.

const WINDOW = 32 * 1024;
const LONGEST_MATCH = 258;

// Lengths 257–285 and distances 0–29: base values and extra bits (RFC 1951, 3.2.5).
const LENGTH_BASE = new Uint16Array([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LENGTH_EXTRA = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = new Uint16Array([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = new Uint8Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Thrown on data that is not valid DEFLATE (or ends too soon). */
export class InflateError extends Error {
  constructor(readonly truncated: boolean, message: string) {
    super(message);
    this.name = 'InflateError';
  }
}

/**
 * A decoding table: entry at the code's bit-reversed value (padded to `bits`) holds
 * `symbol << 4 | codeLength`; 0 marks a code the block does not use.
 */
interface Table {
  entries: Uint16Array;
  bits: number;
}

function reverse(code: number, length: number): number {
  let reversed = 0;
  for (let i = 0; i < length; i++) {
    reversed = (reversed << 1) | (code & 1);
    code >>= 1;
  }
  return reversed;
}

function buildTable(lengths: Uint8Array, count: number): Table {
  let maxBits = 0;
  const perLength = new Uint16Array(16);
  for (let i = 0; i < count; i++) {
    const length = lengths[i] as number;
    if (length > 0) perLength[length] = (perLength[length] as number) + 1;
    if (length > maxBits) maxBits = length;
  }
  const bits = Math.max(1, maxBits);
  const entries = new Uint16Array(1 << bits);
  // Canonical codes: shorter codes first, in symbol order within a length (RFC 1951, 3.2.2).
  const next = new Uint16Array(16);
  let code = 0;
  let left = 1;
  for (let length = 1; length <= 15; length++) {
    code = (code + (perLength[length - 1] ?? 0)) << 1;
    next[length] = code;
    left = (left << 1) - (perLength[length] as number);
    if (left < 0) throw new InflateError(false, 'over-subscribed Huffman code');
  }
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[symbol] as number;
    if (length === 0) continue;
    const value = (symbol << 4) | length;
    const step = 1 << length;
    for (let slot = reverse((next[length] as number)++, length); slot < entries.length; slot += step) entries[slot] = value;
  }
  return { entries, bits };
}

const FIXED_LITERALS = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  return buildTable(lengths, 288);
})();
const FIXED_DISTANCES = buildTable(new Uint8Array(30).fill(5), 30);

type Phase = 'header' | 'stored' | 'huffman' | 'end';

export class Inflater {
  private input: Uint8Array = new Uint8Array(0);
  private inputPos = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  /** Zero bytes added past the end of the input so a final short code can be looked up. */
  private padding = 0;
  private readonly out: Uint8Array;
  private outPos = 0;
  private emitted = 0;
  private phase: Phase = 'header';
  private lastBlock = false;
  private storedLeft = 0;
  private literals: Table = FIXED_LITERALS;
  private distances: Table = FIXED_DISTANCES;

  /** `pull` returns the next compressed bytes, or null at the end of the input. */
  constructor(
    private readonly pull: () => Uint8Array | null,
    chunkSize = 64 * 1024,
  ) {
    this.out = new Uint8Array(WINDOW + chunkSize + LONGEST_MATCH);
  }

  /** The next piece of output (a copy), or null once the stream has ended. */
  next(): Uint8Array | null {
    const limit = this.out.length - LONGEST_MATCH;
    while (this.phase !== 'end' && this.outPos < limit) {
      if (this.phase === 'header') this.blockHeader();
      else if (this.phase === 'stored') this.copyStored(limit);
      else this.decodeHuffman(limit);
    }
    if (this.outPos === this.emitted) return null;
    const chunk = this.out.slice(this.emitted, this.outPos);
    // Keep the last 32 KiB: later matches may reach back that far.
    if (this.outPos > WINDOW) {
      this.out.copyWithin(0, this.outPos - WINDOW, this.outPos);
      this.outPos = WINDOW;
    }
    this.emitted = this.outPos;
    return chunk;
  }

  /** Next input byte; past the end, zeros (counted) so the caller can tell a cut-short stream. */
  private byte(): number {
    if (this.inputPos >= this.input.length) {
      const more = this.padding === 0 ? this.pull() : null;
      if (!more || more.length === 0) {
        this.padding++;
        return 0;
      }
      this.input = more;
      this.inputPos = 0;
    }
    return this.input[this.inputPos++] as number;
  }

  private bits(count: number): number {
    while (this.bitCount < count) {
      this.bitBuffer |= this.byte() << this.bitCount;
      this.bitCount += 8;
    }
    const value = this.bitBuffer & ((1 << count) - 1);
    this.bitBuffer >>>= count;
    this.bitCount -= count;
    this.checkPadding();
    return value;
  }

  /** Fails when a read went into the zero padding: the real input ended mid-stream. */
  private checkPadding(): void {
    if (this.padding > 0 && this.bitCount < this.padding * 8) throw new InflateError(true, 'unexpected end of data');
  }

  private symbol(table: Table): number {
    while (this.bitCount < table.bits) {
      this.bitBuffer |= this.byte() << this.bitCount;
      this.bitCount += 8;
    }
    const entry = table.entries[this.bitBuffer & ((1 << table.bits) - 1)] as number;
    const length = entry & 15;
    if (length === 0) throw new InflateError(false, 'invalid Huffman code');
    this.bitBuffer >>>= length;
    this.bitCount -= length;
    this.checkPadding();
    return entry >> 4;
  }

  private blockHeader(): void {
    if (this.lastBlock) {
      this.phase = 'end';
      return;
    }
    this.lastBlock = this.bits(1) === 1;
    const type = this.bits(2);
    if (type === 0) {
      // Stored: skip to a byte boundary, then LEN and its one's complement.
      this.bits(this.bitCount & 7);
      const length = this.bits(16);
      const complement = this.bits(16);
      if ((length ^ 0xffff) !== complement) throw new InflateError(false, 'stored block length check failed');
      this.storedLeft = length;
      this.phase = 'stored';
    } else if (type === 1) {
      this.literals = FIXED_LITERALS;
      this.distances = FIXED_DISTANCES;
      this.phase = 'huffman';
    } else if (type === 2) {
      this.dynamicTables();
      this.phase = 'huffman';
    } else throw new InflateError(false, 'invalid block type');
  }

  private dynamicTables(): void {
    const literalCount = this.bits(5) + 257;
    const distanceCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (literalCount > 286 || distanceCount > 30) throw new InflateError(false, 'too many length or distance codes');
    const codeLengths = new Uint8Array(19);
    for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i] as number] = this.bits(3);
    const lengthTable = buildTable(codeLengths, 19);
    const lengths = new Uint8Array(literalCount + distanceCount);
    for (let i = 0; i < lengths.length; ) {
      const symbol = this.symbol(lengthTable);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (symbol === 16) {
        if (i === 0) throw new InflateError(false, 'repeat with no previous length');
        value = lengths[i - 1] as number;
        repeat = 3 + this.bits(2);
      } else if (symbol === 17) repeat = 3 + this.bits(3);
      else repeat = 11 + this.bits(7);
      if (i + repeat > lengths.length) throw new InflateError(false, 'too many code lengths');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new InflateError(false, 'no end-of-block code');
    this.literals = buildTable(lengths.subarray(0, literalCount), literalCount);
    this.distances = buildTable(lengths.subarray(literalCount), distanceCount);
  }

  private copyStored(limit: number): void {
    // Whole bytes may still sit in the bit buffer after the header.
    while (this.storedLeft > 0 && this.bitCount >= 8 && this.outPos < limit) {
      this.out[this.outPos++] = this.bits(8);
      this.storedLeft--;
    }
    while (this.storedLeft > 0 && this.outPos < limit) {
      if (this.inputPos >= this.input.length) {
        const more = this.pull();
        if (!more) throw new InflateError(true, 'unexpected end of data');
        this.input = more;
        this.inputPos = 0;
        continue;
      }
      const n = Math.min(this.storedLeft, this.input.length - this.inputPos, limit - this.outPos);
      this.out.set(this.input.subarray(this.inputPos, this.inputPos + n), this.outPos);
      this.inputPos += n;
      this.outPos += n;
      this.storedLeft -= n;
    }
    if (this.storedLeft === 0) this.phase = 'header';
  }

  /** The hot loop: literals and matches until the block ends or the output chunk is full. */
  private decodeHuffman(limit: number): void {
    const out = this.out;
    const literals = this.literals.entries;
    const literalMask = (1 << this.literals.bits) - 1;
    const distances = this.distances.entries;
    const distanceMask = (1 << this.distances.bits) - 1;
    const distanceBits = this.distances.bits;
    let outPos = this.outPos;
    let bitBuffer = this.bitBuffer;
    let bitCount = this.bitCount;
    let input = this.input;
    let inputPos = this.inputPos;

    const sync = () => {
      this.outPos = outPos;
      this.bitBuffer = bitBuffer;
      this.bitCount = bitCount;
      this.input = input;
      this.inputPos = inputPos;
    };

    while (outPos < limit) {
      // Enough bits for the longest literal/length code plus its extra bits, and a distance.
      while (bitCount < 30 - 8) {
        if (inputPos >= input.length) {
          sync();
          bitBuffer |= this.byte() << bitCount;
          input = this.input;
          inputPos = this.inputPos;
        } else bitBuffer |= (input[inputPos++] as number) << bitCount;
        bitCount += 8;
      }
      let entry = literals[bitBuffer & literalMask] as number;
      let length = entry & 15;
      if (length === 0) {
        sync();
        throw new InflateError(false, 'invalid literal/length code');
      }
      bitBuffer >>>= length;
      bitCount -= length;
      const symbol = entry >> 4;
      if (symbol < 256) {
        out[outPos++] = symbol;
        continue;
      }
      if (symbol === 256) {
        this.phase = 'header';
        break;
      }
      const index = symbol - 257;
      if (index >= 29) {
        sync();
        throw new InflateError(false, 'invalid length symbol');
      }
      const lengthExtra = LENGTH_EXTRA[index] as number;
      const matchLength = (LENGTH_BASE[index] as number) + (bitBuffer & ((1 << lengthExtra) - 1));
      bitBuffer >>>= lengthExtra;
      bitCount -= lengthExtra;

      // The distance code (at most 15 bits), then its extra bits (at most 13): two refills keep
      // the bit buffer within 32 bits.
      while (bitCount < distanceBits) {
        if (inputPos >= input.length) {
          sync();
          bitBuffer |= this.byte() << bitCount;
          input = this.input;
          inputPos = this.inputPos;
        } else bitBuffer |= (input[inputPos++] as number) << bitCount;
        bitCount += 8;
      }
      entry = distances[bitBuffer & distanceMask] as number;
      length = entry & 15;
      const distanceSymbol = entry >> 4;
      if (length === 0 || distanceSymbol >= 30) {
        sync();
        throw new InflateError(false, 'invalid distance code');
      }
      bitBuffer >>>= length;
      bitCount -= length;
      const distanceExtra = DIST_EXTRA[distanceSymbol] as number;
      while (bitCount < distanceExtra) {
        if (inputPos >= input.length) {
          sync();
          bitBuffer |= this.byte() << bitCount;
          input = this.input;
          inputPos = this.inputPos;
        } else bitBuffer |= (input[inputPos++] as number) << bitCount;
        bitCount += 8;
      }
      const distance = (DIST_BASE[distanceSymbol] as number) + (bitBuffer & ((1 << distanceExtra) - 1));
      bitBuffer >>>= distanceExtra;
      bitCount -= distanceExtra;
      // Before 32 KiB of output the window is what was produced; after, the kept 32 KiB.
      if (distance > outPos) {
        sync();
        throw new InflateError(false, 'distance too far back');
      }
      let from = outPos - distance;
      const end = outPos + matchLength;
      while (outPos < end) out[outPos++] = out[from++] as number;
    }
    sync();
    this.checkPadding();
  }
}
