// Rows inserted many per statement: one INSERT with 64 value tuples costs far less than 64 single
// INSERTs (binding and stepping once), which matters for the 300 000 corrections of a big import.
import type { Database, Statement } from 'better-sqlite3';

const ROWS_PER_STATEMENT = 64;

export class BatchedInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly pending: unknown[] = [];

  /** `head` is `INSERT INTO t (…) VALUES`; `tuple` one row's `(?, ?, …)` with `width` parameters. */
  constructor(
    db: Database,
    head: string,
    tuple: string,
    private readonly width: number,
  ) {
    this.many = db.prepare(`${head} ${Array.from({ length: ROWS_PER_STATEMENT }, () => tuple).join(', ')}`);
    this.one = db.prepare(`${head} ${tuple}`);
  }

  add(...values: unknown[]): void {
    if (values.length !== this.width) throw new Error(`BatchedInsert: expected ${this.width} values, got ${values.length}`);
    for (const value of values) this.pending.push(value);
    if (this.pending.length === this.width * ROWS_PER_STATEMENT) {
      this.many.run(this.pending);
      this.pending.length = 0;
    }
  }

  /** Inserts the rows still waiting (fewer than a full statement). */
  flush(): void {
    for (let at = 0; at < this.pending.length; at += this.width) this.one.run(this.pending.slice(at, at + this.width));
    this.pending.length = 0;
  }
}
