// A corrections import whose process was killed half-way is rolled back by the next open of the
// store (docs/jobs.md). The app and the browser host keep the store open all day: without looking
// again they would show the killed import's written steps — and let the clerk act on them — until
// they are started again. So they look every few seconds, when a mark of an unfinished import is
// there, and roll back the ones whose process is gone (a live import holds its staging file).
import { recoverUnfinishedImports } from './imports/writer/rollback';
import { unfinishedImports } from './imports/writer/reservations';
import type { Store } from './open';

const LOOK_EVERY_MS = 3000;

/** Looks every few seconds on the store `current()` answers (the desk's, which a restore replaces). */
export function recoverWhileOpen(current: () => Pick<Store, 'db' | 'path'>): { stop(): void } {
  const timer = setInterval(() => {
    const { db, path: storePath } = current();
    if (!db.open || db.inTransaction) return;
    try {
      if (unfinishedImports(db).length > 0) recoverUnfinishedImports(db, storePath);
    } catch {
      /* the next look, or the next open, does it */
    }
  }, LOOK_EVERY_MS);
  timer.unref(); // never what keeps a process alive
  return { stop: () => clearInterval(timer) };
}
