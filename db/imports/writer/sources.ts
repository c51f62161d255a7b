// Where the rows a step writes come from (stagedWriter.ts): a chunk in memory, let go row by row as
// it is written (pending.ts), or the staging file of an import written at its end (stage.ts).
import type { PendingOps, Staged } from './pending';
import { FIRST_OP, ImportStage } from './stage';

/** Accepted rows to write, in order. */
export interface OpSource {
  next(limit: number): Staged[];
  readonly remaining: number;
  /** A row taken from `next` is written (or found stale). */
  settled(op: readonly unknown[]): void;
}

/** Rows in memory (pending.ts), let go as they are written. */
export class ChunkSource implements OpSource {
  private at = 0;
  constructor(
    private readonly rows: Staged[],
    private readonly pending: PendingOps,
  ) {}
  next(limit: number): Staged[] {
    const slice = this.rows.slice(this.at, this.at + limit);
    this.at += slice.length;
    return slice;
  }
  get remaining(): number {
    return this.rows.length - this.at;
  }
  settled(op: readonly unknown[]): void {
    this.pending.settled(op);
  }
  /** The rows not taken yet. */
  rest(): Staged[] {
    return this.rows.slice(this.at);
  }
}

/** Rows of the staging file, by record or in file order (stage.ts, `operations`). */
export class StageSource implements OpSource {
  private cursor = FIRST_OP;
  private read = 0;
  constructor(
    private readonly stage: ImportStage,
    private readonly byFile: boolean,
  ) {}
  next(limit: number): Staged[] {
    const slice = this.stage.operations(this.cursor, limit, this.byFile);
    if (slice.length > 0) this.cursor = (slice[slice.length - 1] as { cursor: typeof FIRST_OP }).cursor;
    this.read += slice.length;
    return slice;
  }
  get remaining(): number {
    return this.stage.opCount - this.read;
  }
  settled(): void {}
}
