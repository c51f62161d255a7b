// Which fields earlier rows of the same file already set (or confirmed) for a record, and where.
// A later row giving the same record another value for one of them is a DUPLICATE_CONFLICT. The
// values themselves are not kept: what an earlier row said is what the record holds now, since
// the import applies its rows in order. Bit masks in typed arrays keep this to a few bytes per
// professional even for a 250 000-row file.

export class ClaimTracker {
  private readonly masks: Uint32Array;
  private readonly firstRows: Int32Array;
  private readonly overflow = new Map<number, { mask: number; row: number }>();
  /** Rows of fields first claimed by a repeat row (rare), by `key:bit`. */
  private readonly laterRows = new Map<string, number>();
  private readonly bitOf = new Map<string, number>();

  /** `capacity`: keys below it use the typed arrays (professional ids); others a map (CEPs). */
  constructor(capacity: number, fields: readonly string[]) {
    if (fields.length > 32) throw new Error('ClaimTracker: at most 32 fields');
    fields.forEach((field, index) => this.bitOf.set(field, index));
    this.masks = new Uint32Array(Math.max(0, capacity));
    this.firstRows = new Int32Array(Math.max(0, capacity));
  }

  private entry(key: number): { mask: number; row: number } {
    if (key >= 0 && key < this.masks.length) return { mask: this.masks[key] as number, row: this.firstRows[key] as number };
    return this.overflow.get(key) ?? { mask: 0, row: 0 };
  }

  /** True when an earlier row claimed `field` for `key`. */
  has(key: number, field: string): boolean {
    const bit = this.bitOf.get(field);
    return bit !== undefined && (this.entry(key).mask & (1 << bit)) !== 0;
  }

  /** The row that first claimed `field` for `key` (0 when none did). */
  rowOf(key: number, field: string): number {
    const bit = this.bitOf.get(field);
    if (bit === undefined) return 0;
    return this.laterRows.get(`${key}:${bit}`) ?? this.entry(key).row;
  }

  /** Records that `row` set or confirmed `fields` of `key`. */
  add(key: number, fields: Iterable<string>, row: number): void {
    const { mask: before, row: first } = this.entry(key);
    let mask = before;
    for (const field of fields) {
      const bit = this.bitOf.get(field);
      if (bit === undefined || (mask & (1 << bit)) !== 0) continue;
      mask |= 1 << bit;
      if (before !== 0) this.laterRows.set(`${key}:${bit}`, row);
    }
    const firstRow = before === 0 ? row : first;
    if (key >= 0 && key < this.masks.length) {
      this.masks[key] = mask >>> 0;
      this.firstRows[key] = firstRow;
    } else this.overflow.set(key, { mask: mask >>> 0, row: firstRow });
  }
}
