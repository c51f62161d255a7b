// Implanta may reject a correction while a later correction of the same field already sits in a
// sealed lote. That lote tells Implanta the field goes from the refused value to the newer one,
// while Implanta holds the value before both: if Implanta checks the old value, it rejects that
// correction too. A correction not sealed yet is rebased on Implanta's value (corrections.ts,
// giveBackImplantaValue); a sealed lote never changes (its package may be out already), so the
// desk says, where the clerk reads the answer, which lote carries which old value.
import type { Database } from 'better-sqlite3';
import type { SealedOnRejected } from '../../shared/contract/batches';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { statement } from '../statements';

/** A correction just answered as rejected. */
export interface RejectedCorrection {
  id: number;
  professionalId: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** The later corrections of the field, in sealed lotes, whose old value is the one Implanta just refused. */
export function sealedOnRejected(db: Database, rejected: RejectedCorrection): SealedOnRejected[] {
  const later = statement<{ newValue: string | null; batchNumber: string; registrationNumber: string; name: string }>(
    db,
    `SELECT c.new_value AS newValue, b.number AS batchNumber, p.registration_number AS registrationNumber, p.name
       FROM corrections c JOIN batches b ON b.id = c.batch_id JOIN professionals p ON p.id = c.professional_id
      WHERE c.professional_id = ? AND c.field = ? AND c.id > ? AND c.old_value IS ?
        AND c.status IN ('batched', 'sent') AND b.state NOT IN ('open', 'cancelled')
      ORDER BY c.id`,
  ).all(rejected.professionalId, rejected.field, rejected.id, rejected.newValue);
  const shown = (value: string | null) => formatFieldValue(rejected.field, value, EMPTY_VALUE);
  return later.map((c) => ({
    registrationNumber: c.registrationNumber,
    name: c.name,
    field: rejected.field,
    fieldLabel: fieldLabel(rejected.field),
    carriedOldValue: shown(rejected.newValue),
    newValue: shown(c.newValue),
    implantaValue: shown(rejected.oldValue),
    batchNumber: c.batchNumber,
  }));
}
