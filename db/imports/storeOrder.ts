// A council's corrections file is listed by its own system (by name), in an order unrelated to the
// store's row ids. Checked in that order, every window of rows reads records from all over the
// registry (each page of an encrypted store decrypted again on every miss), and every chunk the
// writer writes touches about half of the table's pages. When the order of the rows does not
// matter — no row can move a CPF from one record to another —, the rows are read first (packed as
// UTF-8 outside the JavaScript heap, so nothing read stays alive with them) and then checked in
// the store's order, each record's rows still in file order (a stable sort): every page of the
// registry is then read and written about once. Rows about no record come last, in file order.
import { PackedTexts } from './readers/packedTexts';
import type { RawRow } from './readers/source';

/** Cells of a packed row are joined by this; a row with it in a cell is kept as an array. */
const SEPARATOR = '\u0000';
/** Rows whose records are looked up together while the file is read. */
const LOOKUP_BATCH = 256;
/** Sorts after every record id. */
const NO_RECORD = Number.MAX_SAFE_INTEGER;

/** A row read back, with its place in the file (0: the first data row). */
export interface OrderedRow {
  raw: RawRow;
  ordinal: number;
  /** The record the row was about when it was read (null: none). */
  record: number | null;
}

/**
 * Copies of cell texts to keep past their row: a cell is a slice of the chunk of text it was read
 * from, and keeping the slice would keep the whole chunk alive.
 */
export function detach(cells: readonly string[]): string[] {
  return JSON.parse(JSON.stringify(cells)) as string[];
}

/**
 * The cells of many rows packed outside the JavaScript heap (readers/packedTexts.ts). A row with
 * the separator in a cell is kept as an array.
 */
class PackedCells {
  private readonly texts = new PackedTexts();
  private readonly arrays = new Map<number, string[]>();

  add(cells: readonly string[]): void {
    if (cells.some((cell) => cell.includes(SEPARATOR))) this.arrays.set(this.texts.add(''), detach(cells));
    else this.texts.add(cells.join(SEPARATOR));
  }

  cellsOf(index: number): string[] {
    return this.arrays.get(index) ?? (this.texts.at(index) ?? '').split(SEPARATOR);
  }
}

export class RowsInStoreOrder {
  private readonly cells = new PackedCells();
  private readonly rows: number[] = [];
  private readonly records: number[] = [];
  private waiting: RawRow[] = [];

  /** `recordsOf`: the record id each row is about, as the store has it before the import (null: none). */
  constructor(private readonly recordsOf: (rows: readonly RawRow[]) => readonly (number | null)[]) {}

  add(raw: RawRow): void {
    this.rows.push(raw.row);
    this.cells.add(raw.cells);
    this.waiting.push(raw);
    if (this.waiting.length === LOOKUP_BATCH) this.lookUp();
  }

  private lookUp(): void {
    for (const id of this.recordsOf(this.waiting)) this.records.push(id ?? NO_RECORD);
    this.waiting = [];
  }

  /** Every row added, in the store's order. */
  *inOrder(): Generator<OrderedRow> {
    this.lookUp();
    const order = Array.from({ length: this.rows.length }, (_, i) => i);
    const records = this.records;
    order.sort((a, b) => (records[a] as number) - (records[b] as number) || a - b);
    for (const ordinal of order) {
      const record = records[ordinal] as number;
      yield { raw: { row: this.rows[ordinal] as number, cells: this.cells.cellsOf(ordinal) }, ordinal, record: record === NO_RECORD ? null : record };
    }
  }
}

/**
 * The first `limit` items by row, whatever order they are added in (rows checked in the store's
 * order are still listed in the file's). Items of one row keep the order they were added in.
 */
export class FirstByRow<T extends { row: number }> {
  private items: T[] = [];

  constructor(private readonly limit: number) {}

  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= 2 * this.limit + 64) this.trim();
  }

  private trim(): void {
    this.items.sort((a, b) => a.row - b.row);
    if (this.items.length > this.limit) this.items.length = this.limit;
  }

  list(): T[] {
    this.trim();
    return this.items;
  }
}
