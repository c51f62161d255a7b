// Closing the loop of a rejection. When Implanta rejects a correction the record shows again the
// value Implanta holds (the correction's old value; for a correction made on top of another that
// Implanta rejected too, the value before both, and that rejection is to fix again), unless a later
// correction of the same field is on its way or was applied by Implanta: that one deals with the
// rejection. Otherwise the rejection stays open — shown on the record, counted on Início and Lotes —
// until a new correction of the field is saved or the clerk dismisses it with a reason. A registry
// conflict the rejected correction had closed opens again once the record is back on Implanta's value.
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { fieldLabel } from '../shared/fields';
import { formatCep } from '../shared/rules/cep';
import { formatCpf } from '../shared/rules/cpf';
import { closeConflictsAgreedAgain, reopenConflictsClosedBy } from './agreedConflicts';
import { appendAudit } from './audit';
import { correctionByUuid, heldBefore, reopenRejectionsAnsweredBy, resolveRejectionsBy, type CorrectionRow } from './corrections';
import { appendHistory } from './recordHistory';
import { writeRecordFields } from './recordState';
import { currentCorrectionText, valuesOfCorrectionText } from '../shared/rules/correctionText';
import { requireProfessional } from './registry';
import { requireSettings } from './settings';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

const OPEN = "('pending', 'batched', 'sent')";

/** The first later correction of the same field in one of these statuses. */
function laterCorrection(db: Database, professionalId: number, field: string, afterId: number, statuses: string): string | null {
  return (
    statement<{ uuid: string }>(db, `SELECT uuid FROM corrections WHERE professional_id = ? AND field = ? AND id > ? AND status IN ${statuses} ORDER BY id LIMIT 1`).get(
      professionalId,
      field,
      afterId,
    )?.uuid ?? null
  );
}

/** A later correction of the same field still on its way (it carries the clerk's newer intent). */
export function laterOpenCorrection(db: Database, professionalId: number, field: string, afterId: number): string | null {
  return laterCorrection(db, professionalId, field, afterId, OPEN);
}

/**
 * After a correction was marked rejected (inside the acknowledgement's transaction): the record
 * takes Implanta's value back, with a history entry carrying Implanta's message. Returns whether
 * the record changed.
 */
export function giveBackImplantaValue(db: Database, uuid: string, message: string | null, now: string, operator: string): boolean {
  const row = correctionByUuid(db, uuid);
  if (!row || row.status !== 'rejected') return false;
  const record = requireProfessional(db, row.professional_id);
  // The rejections this one had answered are open again, and Implanta holds the value before them all.
  const held = heldBefore(row, reopenRejectionsAnsweredBy(db, { uuid: row.uuid }));
  const later = laterOpenCorrection(db, row.professional_id, row.field, row.id);
  // A later correction of the field Implanta already applied: Implanta holds its value, the rejection is answered.
  const applied = later ? null : laterCorrection(db, row.professional_id, row.field, row.id, "('synced')");
  const holder = cpfHolder(db, row, held);
  const reverted = !later && !applied && currentCorrectionText(record, row.field) === row.new_value && holder === null;
  if (reverted) writeRecordFields(db, row.professional_id, valuesOfCorrectionText(row.field, held), now);
  // A conflict it closed by bringing the record to the main system's value: the record is off that value again.
  if (reverted) reopenConflictsClosedBy(db, row);
  // One it had opened again by taking the record off the main system's value: the record is back on it.
  if (reverted) closeConflictsAgreedAgain(db, row.professional_id, row.field, now, operator);
  if (later) supersede(db, row, held, later, now);
  if (applied) resolveRejectionsBy(db, row.professional_id, [row.field], now, applied);
  appendHistory(db, {
    professionalId: row.professional_id,
    at: now,
    operator,
    kind: 'rejected',
    field: row.field,
    oldValue: row.new_value,
    newValue: reverted ? held : row.new_value,
    correctionUuid: row.uuid,
    batchId: row.batch_id,
    note: holder === null || later || applied ? message : [message, cpfKeptNote(held, holder)].filter(Boolean).join(' '),
  });
  return reverted;
}

/**
 * A newer correction of the field on its way deals with the rejection, as a correction saved after
 * it would. Still on the desk (pending), it starts from the value Implanta still holds, not from
 * the rejected one it was made on; in a lote it stays as sealed (a lote never changes).
 */
function supersede(db: Database, rejected: CorrectionRow, held: string | null, laterUuid: string, now: string): void {
  resolveRejectionsBy(db, rejected.professional_id, [rejected.field], now, laterUuid);
  statement(db, "UPDATE corrections SET old_value = ? WHERE uuid = ? AND status = 'pending' AND old_value IS ? AND new_value IS NOT ?").run(
    held,
    laterUuid,
    rejected.new_value,
    held,
  );
}

/** Giving a CPF back must not take the CPF another record holds now: that record's registration, if any. */
function cpfHolder(db: Database, row: CorrectionRow, held: string | null): string | null {
  if (row.field !== 'cpf' || held === null) return null;
  return statement<{ r: string }>(db, 'SELECT registration_number AS r FROM professionals WHERE cpf = ? AND id <> ?').get(held, row.professional_id)?.r ?? null;
}

/** Why the record keeps a CPF Implanta rejected. */
function cpfKeptNote(held: string | null, holder: string): string {
  return `O CPF anterior, ${formatCpf(held ?? '')}, pertence agora a outro cadastro (registro ${holder}): este cadastro ficou com o CPF rejeitado. Confira os dois cadastros.`;
}

interface CepChangeRow {
  id: number;
  uuid: string;
  cep: string;
  status: string;
  resolved_at: string | null;
}

function dismissedReason(status: string, resolvedAt: string | null, reason: string, what: string): string {
  if (status !== 'rejected') throw new AppError('CORRECTION_STATE', `Só ${what} rejeitada pela Implanta pode ser dispensada.`);
  if (resolvedAt !== null) throw new AppError('CORRECTION_STATE', 'Esta rejeição já foi tratada.');
  const trimmed = reason.trim();
  if (trimmed.length < 5) throw new AppError('REASON_REQUIRED', 'Informe por que a rejeição pode ser dispensada (pelo menos 5 caracteres).', { field: 'reason' });
  return trimmed;
}

/** A rejected change of the CEP directory the clerk decided needs nothing more (audited). */
function dismissCepRejection(db: Database, row: CepChangeRow, input: { reason: string }, now: string, operator: string) {
  const reason = dismissedReason(row.status, row.resolved_at, input.reason, 'uma alteração de CEP');
  statement(db, "UPDATE cep_changes SET resolved_at = ?, resolution = 'dismissed', resolution_note = ? WHERE id = ?").run(now, reason, row.id);
  appendAudit(db, { at: now, operator, action: 'cep.dismiss_rejection', entity: 'cep', entityId: row.cep, detail: { cep: row.cep, uuid: row.uuid, reason } });
  return { uuid: row.uuid, field: 'cep', label: `CEP ${formatCep(row.cep)}` };
}

/** The clerk looked at a rejection (of a correction, or of a CEP change) and decided nothing more is to be done (audited). */
export function dismissRejection(db: Database, input: { uuid: string; reason: string }, now: string) {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const row = correctionByUuid(db, input.uuid);
    if (!row) {
      const cep = statement<CepChangeRow>(db, 'SELECT id, uuid, cep, status, resolved_at FROM cep_changes WHERE uuid = ?').get(input.uuid);
      if (cep) return dismissCepRejection(db, cep, input, now, settings.operator);
      throw new AppError('CORRECTION_NOT_FOUND', 'Correção não encontrada: ela pode ter sido cancelada. Recarregue a tela.');
    }
    const reason = dismissedReason(row.status, row.resolved_at, input.reason, 'uma correção');
    statement(db, "UPDATE corrections SET resolved_at = ?, resolution = 'dismissed', resolution_note = ? WHERE id = ?").run(now, reason, row.id);
    const record = requireProfessional(db, row.professional_id);
    appendHistory(db, {
      professionalId: row.professional_id,
      at: now,
      operator: settings.operator,
      kind: 'rejection_dismissed',
      field: row.field,
      oldValue: row.new_value,
      newValue: null,
      correctionUuid: row.uuid,
      note: reason,
    });
    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'correction.dismiss_rejection',
      entity: 'professional',
      entityId: String(row.professional_id),
      detail: { registrationNumber: record.registrationNumber, uuid: row.uuid, field: row.field, reason },
    });
    return { uuid: row.uuid, field: row.field, label: fieldLabel(row.field) };
  });
}

/** Rejections still to deal with: the one count Início, Lotes and the record all show. */
export function unresolvedRejectionCounts(db: Database): { corrections: number; cepChanges: number; total: number } {
  const row = statement<{ corrections: number; cep: number }>(
    db,
    `SELECT (SELECT count(*) FROM corrections WHERE status = 'rejected' AND resolved_at IS NULL) AS corrections,
            (SELECT count(*) FROM cep_changes WHERE status = 'rejected' AND resolved_at IS NULL) AS cep`,
  ).get() as { corrections: number; cep: number };
  return { corrections: row.corrections, cepChanges: row.cep, total: row.corrections + row.cep };
}
