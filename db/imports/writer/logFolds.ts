// Who folds the write-ahead log back into the file while a corrections import is written. Each
// step of the writer leaves a few MB in the log; folding it (a PASSIVE checkpoint) keeps a clerk's
// next save from finding a long log to fold, but costs the writer — the import's slowest side —
// about a fifth of its time. The checking side, in its own thread, mostly waits for the writer:
// it folds the log then, on its own connection (a PASSIVE checkpoint runs beside a writer), and
// the writer folds only what nobody folded for a few steps, or when a clerk's save waits.
import type { Database } from 'better-sqlite3';
import { outsideReadSnapshot } from '../readSnapshot';

/** Slots in the shared Int32Array: steps committed, steps folded. */
export const LOG_FOLD_SLOTS = 2;
/** Steps left unfolded before the writer folds them itself. */
export const UNFOLDED_STEPS_MAX = 4;

export class LogFolds {
  /** `flags[at]`: steps committed; `flags[at + 1]`: steps the log was folded up to. */
  constructor(
    private readonly flags: Int32Array,
    private readonly at: number,
    private readonly db: Database | null = null,
  ) {}

  /** The writer committed a step. */
  stepWritten(): void {
    Atomics.add(this.flags, this.at, 1);
  }

  /** Whether the writer should fold the log itself now (`force`: a clerk's save waits). */
  writerShouldFold(force: boolean): boolean {
    const written = Atomics.load(this.flags, this.at);
    if (!force && written - Atomics.load(this.flags, this.at + 1) < UNFOLDED_STEPS_MAX) return false;
    Atomics.store(this.flags, this.at + 1, written);
    return true;
  }

  /**
   * On the checking side, instead of waiting: folds the log when steps were written since; whether
   * it did. Either way it then waits holding no read snapshot of the window it checks
   * (readSnapshot.ts): a backup emptying the log must not wait on a reader that only waits.
   */
  foldIfDue(): boolean {
    const written = Atomics.load(this.flags, this.at);
    if (!this.db) return false;
    if (written === Atomics.load(this.flags, this.at + 1)) {
      outsideReadSnapshot(this.db, () => undefined);
      return false;
    }
    Atomics.store(this.flags, this.at + 1, written);
    const db = this.db;
    try {
      // The checking side waits inside a window's read transaction (readSnapshot.ts).
      outsideReadSnapshot(db, () => db.pragma('wal_checkpoint(PASSIVE)'));
    } catch {
      /* folding is an optimisation: the writer or the next save does it */
    }
    return true;
  }
}
