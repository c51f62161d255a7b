// The accepted rows of a staged import that are neither in its staging file nor in the store yet,
// in memory: in file order, and by record, so a record the import already changed is read back with
// them (stagedWriter.ts). Taken out in chunks to be written — in the store's order (by record, each
// record's rows in file order) unless CPFs move between records — and let go one by one as they
// are written.
import { OP_CORRECTION } from './ops';

/** An accepted row's operation (see ops.ts) and its row in the file. */
export interface Staged {
  row: number;
  op: unknown[];
}

export class PendingOps {
  private queue: Staged[] = [];
  private readonly byRecord = new Map<number, unknown[][]>();

  get size(): number {
    return this.queue.length;
  }

  add(row: number, op: unknown[]): void {
    if (op[0] !== OP_CORRECTION) throw new Error('only accepted rows are pending');
    this.queue.push({ row, op });
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
