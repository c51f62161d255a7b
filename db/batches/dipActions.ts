// What a lote asks Implanta to do with a DIP request (`dipAction`) follows the DIP as it stands when
// the lote is sealed, as the DIP's paper items do: the clerk saved the correction days before, and
// an answer of an earlier lote may have said since that the professional confirmed the request
// (Implanta must correct it too, or the card is made with the old data) or that the card went to
// manufacture (a new card is needed). The rule is shared/rules/dip.ts, the form's.
import type { Database } from 'better-sqlite3';
import { DIP_STATUSES } from '../../shared/domain';
import { dipConsequence } from '../../shared/rules/dip';
import { IDENTIFICATION_SQL } from '../pendencies';
import { statement } from '../statements';

/** The consequence of a change of identification data, per the record's DIP status, in SQL. */
const CONSEQUENCE_SQL = `(SELECT CASE p.dip_status ${DIP_STATUSES.map((s) => `WHEN '${s}' THEN '${dipConsequence(s, true)}'`).join(' ')} ELSE 'none' END
  FROM professionals p WHERE p.id = corrections.professional_id)`;

/**
 * Brings the DIP action of an open lote's corrections of identification data up to the DIP status
 * of their records; returns how many changed. A correction's content is fixed once it leaves the
 * queue (db/migrations/0004_batch_guards.sql): the lote is still open, so its items step back to
 * `pending` for the change, as cancelling the lote would, and return to it.
 */
export function refreshDipActions(db: Database, batchId: number): number {
  const stale = `batch_id = ? AND status = 'batched' AND field IN ${IDENTIFICATION_SQL} AND dip_consequence IS NOT ${CONSEQUENCE_SQL}`;
  const ids = statement<{ id: number }>(db, `SELECT id FROM corrections WHERE ${stale}`)
    .all(batchId)
    .map((r) => r.id);
  if (ids.length === 0) return 0;
  const step = statement(db, 'UPDATE corrections SET status = ? WHERE id = ? AND batch_id = ?');
  const update = statement(db, `UPDATE corrections SET dip_consequence = ${CONSEQUENCE_SQL} WHERE id = ?`);
  for (const id of ids) {
    step.run('pending', id, batchId);
    update.run(id);
    step.run('batched', id, batchId);
  }
  return ids.length;
}
