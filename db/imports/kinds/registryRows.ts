// What a registry load keeps per record while it reads a file: the row of this file each record
// came from, and which records already had pendências of a source before it.
import type { ProcessorContext } from './types';

/** Rows of this file per record id (0: not in the file yet), growing with the records it adds. */
export class RowsById {
  private rows: Int32Array;

  constructor(capacity: number) {
    this.rows = new Int32Array(Math.max(16, capacity));
  }

  get(id: number): number {
    return id < this.rows.length ? (this.rows[id] as number) : 0;
  }

  set(id: number, row: number): void {
    if (id >= this.rows.length) {
      const grown = new Int32Array(Math.max(id + 1, this.rows.length * 2));
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[id] = row;
  }
}

/** Which records have pendências of a source, read once: most rows of a refresh change nothing. */
export function flagsOf(db: ProcessorContext['db'], source: 'rule' | 'load', capacity: number): Uint8Array {
  const flags = new Uint8Array(capacity);
  for (const row of db.prepare('SELECT DISTINCT professional_id AS id FROM pendencies WHERE source = ?').iterate(source) as Iterable<{ id: number }>) {
    if (row.id < capacity) flags[row.id] = 1;
  }
  return flags;
}
