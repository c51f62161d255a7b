// Implanta's answers may come out of order: a newer lote's correction of a field answered as
// applied first, then an older lote's correction of the same field answered as applied too. The
// desk cannot see in which order Implanta applied them: if it was the answers' order, Implanta now
// holds the older value. The desk keeps the newer one — the clerk's latest decision — and says so
// wherever the clerk reads the answer (its result, the record's history, the audit entry), for the
// clerk to confirm with Implanta which value stayed.
import type { Database } from 'better-sqlite3';
import type { OutOfOrder } from '../../shared/contract';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { statement } from '../statements';

/** A correction just answered as applied. */
export interface AppliedCorrection {
  id: number;
  professionalId: number;
  field: string;
  batchId: number | null;
  newValue: string | null;
}

/**
 * The newest correction of the same record and field, made after `applied` and already applied in
 * another lote's answer — or null when the answers came in the order the corrections were made.
 */
export function appliedAfterNewer(db: Database, applied: AppliedCorrection): OutOfOrder | null {
  const newer = statement<{ newValue: string | null; batchNumber: string; registrationNumber: string; name: string }>(
    db,
    `SELECT c.new_value AS newValue, b.number AS batchNumber, p.registration_number AS registrationNumber, p.name
       FROM corrections c JOIN batches b ON b.id = c.batch_id JOIN professionals p ON p.id = c.professional_id
      WHERE c.professional_id = ? AND c.field = ? AND c.id > ? AND c.status = 'synced' AND c.batch_id IS NOT ?
      ORDER BY c.id DESC LIMIT 1`,
  ).get(applied.professionalId, applied.field, applied.id, applied.batchId);
  if (!newer) return null;
  const shown = (value: string | null) => formatFieldValue(applied.field, value, EMPTY_VALUE);
  return {
    registrationNumber: newer.registrationNumber,
    name: newer.name,
    field: applied.field,
    fieldLabel: fieldLabel(applied.field),
    appliedValue: shown(applied.newValue),
    newerValue: shown(newer.newValue),
    newerBatchNumber: newer.batchNumber,
  };
}

/** The note on the applied correction's history entry. */
export function outOfOrderNote(item: OutOfOrder): string {
  return `A Implanta respondeu esta correção depois da mais nova (lote ${item.newerBatchNumber}, “${item.newerValue}”), que já tinha aplicado: ela pode estar agora com “${item.appliedValue}”. Confirme com a Implanta qual valor ficou; a mesa mantém “${item.newerValue}”.`;
}
