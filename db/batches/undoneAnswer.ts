// A spreadsheet answer names no lote: it is taken as the answer of the lote that holds its items now.
// When that lote was made after a restore undid a lote that had left the desk, the corrections it
// answers may be the ones the undone lote carried, and the answer may be Implanta's answer to that
// lote — whether or not the newer lote was sent. The import says so (`mayAnswerUndone`).
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';
import type { AckFile } from './ackRead';
import type { BatchRow } from './summary';
import { undoneBefore, type UndoneBefore } from './undoneLotes';

/** The undone lotes a spreadsheet answer to `batch` may belong to: those its items were saved in time to be in. */
export function undoneLotesItMayAnswer(db: Database, ack: AckFile, batch: BatchRow): UndoneBefore[] {
  if (ack.batch !== null) return [];
  const undone = undoneBefore(db, batch);
  if (undone.length === 0) return [];
  const savedAt = statement<{ at: string }>(db, 'SELECT created_at AS at FROM corrections WHERE uuid = @id UNION ALL SELECT created_at AS at FROM cep_changes WHERE uuid = @id');
  const times = ack.answers.flatMap((answer) => {
    const row = savedAt.get({ id: answer.id });
    return row ? [row.at] : [];
  });
  if (times.length === 0) return [];
  const first = times.reduce((a, b) => (b < a ? b : a));
  // An item saved after the undone lote left (or, unsent, after the restore) was never in it.
  return undone.filter((lote) => first <= (lote.sentAt ?? lote.restoredAt));
}
