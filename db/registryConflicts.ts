// Conflicts between the council's main system and the desk: a registry load brought a third value
// for a field whose correction is still on its way to Implanta, or would change a value Implanta
// applied from a correction. The desk kept the correction; the clerk chooses (docs/store.md, "One
// model of a record"; docs/import-format.md). Read side (a record's, the counts, the list) and the
// choice. A correction may leave its way to Implanta
// before the clerk chooses (rejected, or cancelled): the conflict then sets the record's value as it
// is now against the main system's, and nothing more goes to Implanta either way.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { RegistryConflict } from '../shared/contract/registry';
import { EMPTY_VALUE, formatFieldValue } from '../shared/display/values';
import { AppError } from '../shared/errors';
import { fieldLabel, FIELDS, isFieldName, MOTHER_FACT_FIELD } from '../shared/fields';
import { formatDateTimeBr } from '../shared/rules/dates';
import { dipConsequence } from '../shared/rules/dip';
import { appendAudit } from './audit';
import { dismissRejectionsOf, resolveRejectionsBy, type CorrectionRow } from './corrections';
import { appendHistory } from './recordHistory';
import { writeRecordFields } from './recordState';
import { currentCorrectionText, valuesOfCorrectionText } from '../shared/rules/correctionText';
import { requireProfessional } from './registry';
import { laterOpenCorrection } from './rejections';
import { refuseCpfAtImplanta } from './cpfAtImplanta';
import { refuseFileChoice, refuseUnqueueable } from './registryConflictRefusals';
import { requireSettings } from './settings';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

/**
 * A conflict with its record's registration number and name, named as the contract names them, as
 * stored: the correction it was raised against (shown() says which it is about now, and how that ended).
 */
const SELECT = `SELECT c.id, c.import_id AS importId, c."row", c.professional_id AS professionalId, p.registration_number AS registrationNumber, p.name,
    c.field, c.desk_value AS deskValue, c.file_value AS fileValue, c.correction_uuid AS correctionUuid,
    NULL AS correctionOutcome, c.created_at AS createdAt, c.resolved_at AS resolvedAt, c.resolution
  FROM registry_conflicts c JOIN professionals p ON p.id = c.professional_id`;

type ConflictCorrection = Pick<CorrectionRow, 'id' | 'uuid' | 'field' | 'old_value' | 'new_value' | 'status' | 'batch_id'>;

const CORRECTION_COLUMNS = 'id, uuid, field, old_value, new_value, status, batch_id';

/**
 * The correction a conflict is about now. It was raised against the correction on its way at the
 * load; once the clerk corrected the field again it is about the newest correction that went or
 * goes on to Implanta (on its way, or applied: Implanta holds its value), else the newest one
 * Implanta rejected, else its own (cancelled, with every later one).
 */
function correctionNow(db: Database, conflict: Pick<RegistryConflict, 'professionalId' | 'field' | 'correctionUuid'>): ConflictCorrection | null {
  const own = statement<ConflictCorrection>(db, `SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE uuid = ?`).get(conflict.correctionUuid);
  if (!own) return null;
  const newest = statement<ConflictCorrection>(
    db,
    `SELECT ${CORRECTION_COLUMNS} FROM corrections
      WHERE professional_id = ? AND field IN (?, ?) AND id >= ? AND status <> 'cancelled'
      ORDER BY status IN ('pending', 'batched', 'sent', 'synced') DESC, id DESC LIMIT 1`,
  ).get(conflict.professionalId, conflict.field, own.field, own.id);
  return newest ?? own;
}

/**
 * A conflict as the clerk reads it: the desk's side is the record's value now (a later correction
 * may have changed it since the load), and it is about the correction it is about now
 * (correctionNow), which says when that one left its way to Implanta without being applied.
 */
function shown(db: Database, conflict: RegistryConflict): RegistryConflict {
  const deskValue = currentCorrectionText(requireProfessional(db, conflict.professionalId), conflict.field);
  const now = correctionNow(db, conflict);
  if (!now) return { ...conflict, deskValue };
  const correctionOutcome = now.status === 'rejected' || now.status === 'cancelled' ? now.status : null;
  return { ...conflict, deskValue, correctionUuid: now.uuid, correctionOutcome };
}

/** A record's conflicts still waiting for the clerk's choice. */
export function openConflictsOf(db: Database, professionalId: number): RegistryConflict[] {
  return statement<RegistryConflict>(db, `${SELECT} WHERE c.professional_id = ? AND c.resolved_at IS NULL ORDER BY c.id`)
    .all(professionalId)
    .map((conflict) => shown(db, conflict));
}

export function countOpenConflicts(db: Database): number {
  return statement<{ n: number }>(db, 'SELECT count(*) AS n FROM registry_conflicts WHERE resolved_at IS NULL').get()?.n ?? 0;
}

/** Open conflicts of the whole registry, oldest first (the command line's list). */
export function listOpenConflicts(db: Database, input: { page: number; pageSize: number }) {
  const total = countOpenConflicts(db);
  const items = statement<RegistryConflict>(db, `${SELECT} WHERE c.resolved_at IS NULL ORDER BY c.id LIMIT ? OFFSET ?`)
    .all(input.pageSize, input.page * input.pageSize)
    .map((conflict) => shown(db, conflict));
  return { total, page: input.page, pageSize: input.pageSize, items };
}

/** Whether an earlier correction of the field that left the desk (sent, applied, or in a sealed lote) brings Implanta to `value`. */
function sentToImplanta(db: Database, correction: ConflictCorrection, value: string | null): boolean {
  return (
    statement<{ id: number }>(
      db,
      `SELECT k.id FROM corrections k LEFT JOIN batches b ON b.id = k.batch_id
        WHERE k.professional_id = (SELECT professional_id FROM corrections WHERE id = ?) AND k.field = ? AND k.id < ? AND k.new_value IS ?
          AND (k.status IN ('sent', 'synced') OR (k.status = 'batched' AND b.state <> 'open'))
        ORDER BY k.id DESC LIMIT 1`,
    ).get(correction.id, correction.field, correction.id, value) !== undefined
  );
}

/** A new correction (source `conflict`) bringing Implanta from `from` to the file's value; answers its uuid. */
function queueFileValue(
  db: Database,
  conflict: RegistryConflict,
  record: ReturnType<typeof requireProfessional>,
  from: string | null,
  why: string,
  supersedes: string,
  operator: string,
  now: string,
): string {
  // Implanta is sent only what a correction saved at the desk could send.
  refuseUnqueueable(db, conflict, record);
  const uuid = randomUUID();
  const identification = isFieldName(conflict.field) ? FIELDS[conflict.field].identification : conflict.field === MOTHER_FACT_FIELD;
  statement(
    db,
    `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date,
       evidence_note, operator, created_at, status, source, dip_consequence)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 'pending', 'conflict', ?)`,
  ).run(
    uuid,
    conflict.professionalId,
    conflict.field,
    from,
    conflict.fileValue,
    why,
    'Cadastro do sistema do Regional',
    `Substitui a correção ${supersedes}`,
    operator,
    now,
    dipConsequence(record.dipStatus, identification),
  );
  return uuid;
}

/** The value the correction brings Implanta to (a legacy half of the mother fact: the desk's whole fact). */
function sentValue(correction: ConflictCorrection, conflict: RegistryConflict): string | null {
  return correction.field === conflict.field ? correction.new_value : conflict.deskValue;
}

/** A value as the clerk reads it in a message. */
function words(field: string, value: string | null): string {
  return formatFieldValue(field, value, EMPTY_VALUE);
}

type Settled = { outcome: 'rejected' | 'cancelled'; to: string };

/** A settled correction in a sentence: "A correção para “x” foi rejeitada pela Implanta". */
function settledWords(settled: Settled): string {
  return `A correção para “${settled.to}” ${settled.outcome === 'rejected' ? 'foi rejeitada pela Implanta' : 'foi cancelada'}`;
}

/**
 * Taking the file's CPF over a correction that never reached Implanta's copy (rejected, or
 * cancelled): Implanta still knows the professional by the CPF the desk held; the next lotes name
 * her by the new one with that one as the previous CPF (db/batches/payloadPreviousCpf.ts).
 */
function cpfNote(settled: Settled | null, conflict: RegistryConflict, desk: string, file: string): string {
  if (!settled || conflict.field !== 'cpf' || conflict.deskValue === conflict.fileValue) return '';
  return ` A Implanta ainda conhece a/o profissional pelo CPF ${desk}: os próximos lotes vão identificá-la/o pelo CPF ${file}, informando o CPF ${desk} como anterior, até a Implanta aplicar um deles.`;
}

/**
 * What taking the file's value did to the correction, as the message's last sentence. `sealedIn`:
 * the lote, sealed but not yet sent, that holds the correction.
 */
function fileChoiceNote(settled: Settled | null, cancelled: boolean, created: boolean, sealedIn: string | null, fromSent: string | null): string {
  if (cancelled && created) {
    return ` A correção anterior, que ainda não tinha saído da mesa, foi cancelada; a Implanta recebeu “${fromSent}” da mesa antes, e uma nova correção, com o valor do sistema do Regional, entrou na fila.`;
  }
  if (settled?.outcome === 'rejected') return ` A Implanta tinha rejeitado a correção para “${settled.to}”: a rejeição fica tratada.`;
  if (settled) return ` ${settledWords(settled)} antes.`;
  if (cancelled) return ' A correção, que ainda não tinha saído da mesa, foi cancelada.';
  if (created && sealedIn !== null) return ` A correção está no lote ${sealedIn}, já lacrado: uma nova correção, com o valor do sistema do Regional, entrou na fila.`;
  if (created) return ' A correção já tinha seguido para a Implanta: uma nova correção, com o valor do sistema do Regional, entrou na fila.';
  return '';
}

/**
 * The clerk's choice on a conflict (one transaction, audited, in the record's history). `kept`:
 * the correction stays and goes on to Implanta. `file`: the record takes the main system's value;
 * the correction is cancelled while it is still on the desk, or — its lote already sealed, or
 * already sent or applied — superseded by a new correction (source `conflict`) from its value to
 * the main system's, so that Implanta ends with the main system's value. Every open conflict of
 * the same record and field is closed with it. The file's value is refused when the record or
 * Implanta would end with what the desk's own rules refuse (registryConflictRefusals.ts).
 */
export function resolveConflict(db: Database, input: { id: number; choice: 'kept' | 'file'; reason: string }, now: string) {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const found = statement<RegistryConflict>(db, `${SELECT} WHERE c.id = ?`).get(input.id);
    if (!found) throw new AppError('CONFLICT_NOT_FOUND', `Nenhum conflito com o número ${input.id}. Confira a lista de conflitos abertos.`);
    const conflict = shown(db, found);
    const who = `${conflict.name} (registro ${conflict.registrationNumber})`;
    const label = fieldLabel(conflict.field);
    const desk = words(conflict.field, conflict.deskValue);
    const file = words(conflict.field, conflict.fileValue);
    if (conflict.resolvedAt !== null) {
      throw new AppError('CORRECTION_STATE', `O conflito de ${label} de ${who} já foi resolvido em ${formatDateTimeBr(conflict.resolvedAt)}.`);
    }
    const reason = input.reason.trim();
    if (reason.length < 5) throw new AppError('REASON_REQUIRED', 'Informe o motivo da escolha (pelo menos 5 caracteres).', { field: 'reason' });
    const correction = correctionNow(db, conflict);
    const origin = conflict.importId === null ? null : statement<{ file_name: string }>(db, 'SELECT file_name FROM imports WHERE id = ?').get(conflict.importId);
    const load = conflict.importId === null ? 'a carga do cadastro' : `a carga do cadastro nº ${conflict.importId}${origin ? ` (${origin.file_name})` : ''}`;

    let cancelled: string | null = null;
    let created: string | null = null;
    let fromSent: string | null = null;
    let message: string;
    // A correction that left its way to Implanta unapplied, as the messages name it.
    const settled = conflict.correctionOutcome && correction ? { outcome: conflict.correctionOutcome, to: words(correction.field, correction.new_value) } : null;
    if (input.choice === 'kept') {
      message = settled
        ? `Mantido o valor da mesa para ${label} de ${who}: fica “${desk}”. ${settledWords(settled)} e nada segue para a Implanta; o valor do sistema do Regional, “${file}”, foi deixado de lado.`
        : `Mantida a correção de ${label} de ${who}: fica “${desk}”, e o valor do sistema do Regional, “${file}”, foi deixado de lado.`;
      appendHistory(db, {
        professionalId: conflict.professionalId,
        at: now,
        operator: settings.operator,
        kind: 'conflict_kept',
        field: conflict.field,
        oldValue: conflict.fileValue,
        newValue: conflict.deskValue,
        correctionUuid: conflict.correctionUuid,
        importId: conflict.importId,
        note: reason,
      });
    } else {
      const record = requireProfessional(db, conflict.professionalId);
      // A newer correction still on its way: Implanta's answer to it comes first.
      const own = statement<{ id: number }>(db, 'SELECT id FROM corrections WHERE uuid = ?').get(found.correctionUuid);
      if (own && laterOpenCorrection(db, conflict.professionalId, conflict.field, own.id)) {
        throw new AppError('CORRECTION_STATE', `Há uma correção mais recente de ${label} de ${who}: cancele-a ou aguarde a resposta da Implanta antes de usar o valor do arquivo.`);
      }
      if (conflict.field === 'cpf' && conflict.fileValue !== null) {
        const owner = statement<{ registration_number: string }>(db, 'SELECT registration_number FROM professionals WHERE cpf = ? AND id <> ?').get(
          conflict.fileValue,
          conflict.professionalId,
        );
        if (owner) throw new AppError('CPF_DUPLICATE', `O CPF do arquivo, ${file}, já pertence a outro cadastro (registro ${owner.registration_number}): não pode ir para ${who}.`);
        refuseCpfAtImplanta(db, conflict.fileValue, conflict.professionalId);
      }
      refuseFileChoice(db, conflict, correction);
      const batch = correction?.batch_id == null ? null : statement<{ state: string; number: string }>(db, 'SELECT state, number FROM batches WHERE id = ?').get(correction.batch_id);
      const sealedIn = correction?.status === 'batched' && batch && batch.state !== 'open' ? batch.number : null;
      const onDesk = correction !== null && (correction.status === 'pending' || correction.status === 'batched') && (!batch || batch.state === 'open');
      const why = `Conflito com ${load}: vale o valor do sistema do Regional. ${reason}`.slice(0, 500);
      if (correction && onDesk) {
        if (correction.batch_id !== null) statement(db, "UPDATE corrections SET batch_id = NULL, status = 'pending' WHERE id = ?").run(correction.id);
        statement(db, "UPDATE corrections SET status = 'cancelled', status_message = ?, status_changed_at = ? WHERE id = ?").run(why, now, correction.id);
        cancelled = correction.uuid;
        // The cancelled correction started from a value the desk itself sent to Implanta (an
        // earlier choice of the file's value queued it): Implanta keeps that one unless told.
        const from = correction.field === conflict.field ? correction.old_value : undefined;
        if (from !== undefined && from !== conflict.fileValue && sentToImplanta(db, correction, from)) {
          created = queueFileValue(db, conflict, record, from, why, correction.uuid, settings.operator, now);
          fromSent = words(conflict.field, from);
          resolveRejectionsBy(db, conflict.professionalId, [conflict.field], now, created);
        }
      } else if (correction && ['batched', 'sent', 'synced'].includes(correction.status) && sentValue(correction, conflict) !== conflict.fileValue) {
        created = queueFileValue(db, conflict, record, sentValue(correction, conflict), why, correction.uuid, settings.operator, now);
        resolveRejectionsBy(db, conflict.professionalId, [conflict.field], now, created);
      } else if (correction && correction.status === 'rejected') {
        // The main system's value answers the field's rejections: nothing is left to correct again.
        dismissRejectionsOf(db, conflict.professionalId, conflict.field, now, why);
      }
      if (currentCorrectionText(record, conflict.field) !== conflict.fileValue) {
        writeRecordFields(db, conflict.professionalId, valuesOfCorrectionText(conflict.field, conflict.fileValue), now);
      }
      appendHistory(db, {
        professionalId: conflict.professionalId,
        at: now,
        operator: settings.operator,
        kind: 'conflict_file',
        field: conflict.field,
        oldValue: currentCorrectionText(record, conflict.field),
        newValue: conflict.fileValue,
        correctionUuid: created ?? conflict.correctionUuid,
        importId: conflict.importId,
        note: reason,
      });
      message = `Usado o valor do sistema do Regional para ${label} de ${who}: “${desk}” passou a “${file}”.${fileChoiceNote(settled, cancelled !== null, created !== null, sealedIn, fromSent)}${cpfNote(settled, conflict, desk, file)}`;
    }

    statement(db, 'UPDATE registry_conflicts SET resolved_at = ?, resolution = ?, operator = ? WHERE professional_id = ? AND field = ? AND resolved_at IS NULL').run(
      now,
      input.choice,
      settings.operator,
      conflict.professionalId,
      conflict.field,
    );
    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'registry.conflict_resolve',
      entity: 'professional',
      entityId: String(conflict.professionalId),
      detail: {
        registrationNumber: conflict.registrationNumber,
        conflict: conflict.id,
        importId: conflict.importId,
        field: conflict.field,
        choice: input.choice,
        deskValue: conflict.deskValue,
        fileValue: conflict.fileValue,
        correction: conflict.correctionUuid,
        cancelled,
        superseded: created,
        reason,
      },
    });
    return {
      conflict: { ...conflict, resolvedAt: now, resolution: input.choice },
      message,
      cancelledCorrection: cancelled,
      newCorrection: created,
    };
  });
}
