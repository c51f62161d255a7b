// The accepted rows of a staged import that are neither in its staging file nor in the store yet,
// in memory: in file order, and by record, so a record the import already changed is read back with
// them (stagedWriter.ts). Taken out in chunks to be written — in the store's order (by record, each
// record's rows in file order) unless CPFs move between records — and let go one by one as they
// are written. Their size is kept too: a row changing every field of a record with long values
// weighs ten times a council's usual row, and the writer's thread has a bounded heap.
import { OP_CORRECTION } from './ops';

/** About what an operation holds in memory: an upper estimate (two bytes a character, a header a value). */
function weightOf(op: readonly unknown[]): number {
  let bytes = 64;
  for (const value of op) bytes += typeof value === 'string' ? 24 + 2 * value.length : 16;
  return bytes;
}

/** An accepted row's operation (see ops.ts) and its row in the file. */
export interface Staged {
  row: number;
  op: unknown[];
}

export class PendingOps {
  private queue: Staged[] = [];
  private queuedBytes = 0;
  private readonly byRecord = new Map<number, unknown[][]>();

  get size(): number {
    return this.queue.length;
  }

  /** About how much memory the queued operations hold (see weightOf). */
  get bytes(): number {
    return this.queuedBytes;
  }

  add(row: number, op: unknown[]): void {
    if (op[0] !== OP_CORRECTION) throw new Error('only accepted rows are pending');
    this.queue.push({ row, op });
    this.queuedBytes += weightOf(op);
    const id = op[1] as number;
    const list = this.byRecord.get(id);
    if (list) list.push(op);
    else this.byRecord.set(id, [op]);
  }

  /** The operations on one record not written yet, in file order. */
  of(professionalId: number): readonly unknown[][] {
    return this.byRecord.get(professionalId) ?? [];
  }

  /**
   * Everything queued, to be written (or staged) in this order: by record (a stable sort keeps each
   * record's rows in file order), or as in the file (`byFile`). Each stays readable through `of`
   * until `settled`.
   */
  take(byFile: boolean): Staged[] {
    const taken = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    if (!byFile) taken.sort((a, b) => (a.op[1] as number) - (b.op[1] as number));
    return taken;
  }

  /** A taken operation is in the store or the staging file now (or was found stale): it no longer replays. */
  settled(op: readonly unknown[]): void {
    const id = op[1] as number;
    const list = this.byRecord.get(id);
    if (!list) return;
    // A record's operations settle in file order: the first one listed is this one.
    list.shift();
    if (list.length === 0) this.byRecord.delete(id);
  }
}
