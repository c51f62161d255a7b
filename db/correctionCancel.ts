// Undo before it leaves: a correction still on the desk (pending, or in a lote still under review)
// can be cancelled with a reason. The record goes back to the value it had before, the item leaves
// its lote, the rejections it had answered are to fix again, and the correction stays in the store
// as `cancelled` (audited, in the record's history).
// Once its lote is sealed it belongs to Implanta's copy: it can no longer be cancelled.
import type { Database } from 'better-sqlite3';
import type { Correction } from '../shared/contract/corrections';
import { AppError } from '../shared/errors';
import { fieldLabel } from '../shared/fields';
import { addressSavedWith } from './addressSavedTogether';
import { closeConflictsAgreedAgain, reopenConflictsClosedBy } from './agreedConflicts';
import { appendAudit } from './audit';
import { correctionByUuid, heldBefore, reopenRejectionsAnsweredBy } from './corrections';
import { appendHistory } from './recordHistory';
import { refreshAfterCorrections } from './pendencies';
import { writeRecordFields } from './recordState';
import { currentCorrectionText, valuesOfCorrectionText } from '../shared/rules/correctionText';
import { laterOpenCorrection } from './rejections';
import { requireProfessional } from './registry';
import { requireSettings } from './settings';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

const STATUS_WORDS: Partial<Record<Correction['status'], string>> = {
  sent: 'já foi enviada à Implanta',
  synced: 'já foi aplicada pela Implanta',
  rejected: 'foi rejeitada pela Implanta (use “Dispensar” ou corrija de novo)',
  cancelled: 'já foi cancelada',
};

/**
 * Cancels a correction. One field of an address saved together (CEP, street, town, UF…) takes the
 * others of that save still on the desk with it: left alone they would make an address the save
 * itself refuses (a CEP of one state with the UF of another), and send it to Implanta. Answers
 * the fields cancelled with it (`withIt`, their labels).
 */
export function cancelCorrection(db: Database, input: { uuid: string; reason: string }, now: string): { uuid: string; rowVersion: number; reverted: boolean; withIt: string[] } {
  return writeTransaction(db, () => {
    const row = correctionByUuid(db, input.uuid);
    const together = row ? addressSavedWith(db, row.id, 'onDesk') : [];
    // The latest saved field first: each field's own order is kept (a later correction is cancelled before an earlier one).
    for (const sibling of together) cancelOne(db, { uuid: sibling.uuid, reason: input.reason }, now);
    return { ...cancelOne(db, input, now), withIt: together.map((sibling) => fieldLabel(sibling.field)) };
  });
}

function cancelOne(db: Database, input: { uuid: string; reason: string }, now: string): { uuid: string; rowVersion: number; reverted: boolean } {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const row = correctionByUuid(db, input.uuid);
    if (!row) throw new AppError('CORRECTION_NOT_FOUND', `Nenhuma correção com o id ${input.uuid}.`);
    const record = requireProfessional(db, row.professional_id);
    const who = `${record.name} (registro ${record.registrationNumber})`;
    const label = fieldLabel(row.field);
    const batch = row.batch_id === null ? null : statement<{ number: string; state: string }>(db, 'SELECT number, state FROM batches WHERE id = ?').get(row.batch_id);
    if (STATUS_WORDS[row.status]) {
      throw new AppError('CORRECTION_STATE', `A correção de ${label} de ${who} ${STATUS_WORDS[row.status]}: não pode ser cancelada.`);
    }
    if (batch && batch.state !== 'open') {
      throw new AppError('CORRECTION_STATE', `A correção de ${label} de ${who} está no lote ${batch.number}, já lacrado: não pode ser cancelada.`);
    }
    const reason = input.reason.trim();
    if (reason.length < 5) throw new AppError('REASON_REQUIRED', 'Informe o motivo do cancelamento (pelo menos 5 caracteres).', { field: 'reason' });
    if (laterOpenCorrection(db, row.professional_id, row.field, row.id)) {
      throw new AppError('CORRECTION_STATE', `Há uma correção mais recente de ${label} de ${who}: cancele-a primeiro.`);
    }

    if (row.batch_id !== null) statement(db, "UPDATE corrections SET batch_id = NULL, status = 'pending' WHERE id = ?").run(row.id);
    statement(db, "UPDATE corrections SET status = 'cancelled', status_message = ?, status_changed_at = ? WHERE id = ?").run(reason, now, row.id);

    // The rejections it had answered are open again, and the value Implanta holds is the one before them all.
    const held = heldBefore(row, reopenRejectionsAnsweredBy(db, { uuid: row.uuid }));
    // The record goes back only if it still shows this correction's value (a registry load may have changed it since).
    const reverted = currentCorrectionText(record, row.field) === row.new_value;
    const written = reverted ? writeRecordFields(db, row.professional_id, valuesOfCorrectionText(row.field, held), now) : record;
    if (!reverted) refreshAfterCorrections(db, written);
    // A conflict this correction closed by bringing the record to the main system's value is open again.
    const reopenedConflicts = reverted ? reopenConflictsClosedBy(db, row) : [];
    // One it had opened again, taking the record off the main system's value, closes again: the record is back on it.
    const closedConflicts = reverted ? closeConflictsAgreedAgain(db, row.professional_id, row.field, now, settings.operator) : [];
    appendHistory(db, {
      professionalId: row.professional_id,
      at: now,
      operator: settings.operator,
      kind: 'cancelled',
      field: row.field,
      oldValue: row.new_value,
      newValue: reverted ? held : row.new_value,
      correctionUuid: row.uuid,
      batchId: row.batch_id,
      note: reason,
    });
    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'correction.cancel',
      entity: 'professional',
      entityId: String(row.professional_id),
      detail: { registrationNumber: record.registrationNumber, uuid: row.uuid, field: row.field, reason, batch: batch?.number ?? null, reverted, ...(reopenedConflicts.length > 0 ? { reopenedConflicts } : {}), ...(closedConflicts.length > 0 ? { closedConflicts } : {}) },
    });
    return { uuid: row.uuid, rowVersion: written.rowVersion, reverted };
  });
}
