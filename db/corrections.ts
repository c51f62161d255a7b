// Corrections: planning and saving a change of a professional's data (record, one correction per
// field, audit entry — one transaction), and the queue of corrections waiting for Implanta.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../shared/contract';
import type { Correction, CorrectionListItem } from '../shared/contract/corrections';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../shared/domain';
import { AppError } from '../shared/errors';
import { MOTHER_FACT_FIELD } from '../shared/fields';
import { planCorrection, type CorrectionPlan } from '../shared/rules/correction';
import { maskCpf } from '../shared/rules/cpf';
import { todayIso } from '../shared/rules/dates';
import { EVIDENCE_MESSAGES, evidenceProblem, isFutureEvidenceDate } from '../shared/rules/evidence';
import { queueItemsOf } from '../shared/rules/motherFact';
import { closeAgreedConflicts, reopenConflictsLeftBy } from './agreedConflicts';
import { appendAudit } from './audit';
import { directoryUfOf } from './cep';
import { refuseCpfAtImplanta } from './cpfAtImplanta';
import { linkableContact, linkCorrections } from './contacts/link';
import { appendHistory } from './recordHistory';
import { refreshAfterCorrections } from './pendencies';
import { writeRecordFields } from './recordState';
import { requireProfessional } from './registry';
import { refusedBefore, type RefusedBefore } from './refusedBefore';
import { requireSettings } from './settings';
import type { corrections } from './schema';
import type { SqlRow } from './sqlRow';
import { statement, whereAll } from './statements';
import { writeTransaction } from './storeLock';

/** A corrections row as SQLite returns it (`SELECT *`). */
export type CorrectionRow = SqlRow<typeof corrections>;

/** A correction by its id (UUID), as stored. */
export function correctionByUuid(db: Database, uuid: string): CorrectionRow | undefined {
  return statement<CorrectionRow>(db, 'SELECT * FROM corrections WHERE uuid = ?').get(uuid);
}

function toCorrection(row: CorrectionRow): Correction {
  return {
    uuid: row.uuid,
    professionalId: row.professional_id,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    reason: row.reason,
    evidenceKind: row.evidence_kind,
    evidenceArrival: row.evidence_arrival,
    evidenceDate: row.evidence_date,
    evidenceNote: row.evidence_note,
    operator: row.operator,
    createdAt: row.created_at,
    status: row.status,
    source: row.source,
    dipConsequence: row.dip_consequence,
    statusMessage: row.status_message,
    dipRequestCorrected: row.dip_request_corrected === null ? null : row.dip_request_corrected === 1,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
  };
}

/** Statuses of a correction not yet applied by Implanta. */
export const OPEN_STATUSES: readonly CorrectionStatus[] = ['pending', 'batched', 'sent'];

export const MESSAGES = {
  versionConflict:
    'Este cadastro foi alterado em outra janela ou por outra pessoa enquanto você editava. Recarregue o cadastro e confira antes de salvar.',
  noChange: 'Nada mudou: os valores informados são iguais aos do cadastro.',
  reasonRequired: 'Informe o motivo da correção (pelo menos 5 caracteres).',
  evidenceRequired: 'Informe o documento comprobatório que você conferiu.',
} as const;

/**
 * A record's corrections, the last saved first: in the order they were written (their ids), not by
 * their dates — an import's corrections carry the time the import began, and one written after a
 * clerk's save made meanwhile is still the later one.
 */
export function correctionsOfProfessional(db: Database, professionalId: number): Correction[] {
  return statement<CorrectionRow>(db, 'SELECT * FROM corrections WHERE professional_id = ? ORDER BY id DESC')
    .all(professionalId)
    .map(toCorrection);
}

export function previewCorrection(db: Database, input: ParsedInput<'corrections:preview'>): CorrectionPlan & { refusedBefore: RefusedBefore[] } {
  const current = requireProfessional(db, input.professionalId);
  const plan = planCorrection(current, input.changes, { directoryUfOf: (cep) => directoryUfOf(db, cep), typed: true });
  return { ...plan, refusedBefore: refusedBefore(db, current.id, correctionItemsOf(current, plan.changes)) };
}

/** One queue item per correction field (the mother fact is one item): see shared/rules/motherFact.ts. */
export const correctionItemsOf = queueItemsOf;

/**
 * A new correction of a field resolves the rejections of that field on the record: the clerk
 * corrected it again. Returns how many were resolved.
 */
export function resolveRejectionsBy(db: Database, professionalId: number, fields: readonly string[], now: string, correctionUuid: string | null): number {
  return closeRejectionsOf(db, professionalId, fields, now, { resolution: 'corrected', note: correctionUuid });
}

/** The clerk settled the field's rejections otherwise (she took the main system's value): `why` is kept with each. */
export function dismissRejectionsOf(db: Database, professionalId: number, field: string, now: string, why: string): number {
  return closeRejectionsOf(db, professionalId, [field], now, { resolution: 'dismissed', note: why });
}

function closeRejectionsOf(
  db: Database,
  professionalId: number,
  fields: readonly string[],
  now: string,
  how: { resolution: 'corrected' | 'dismissed'; note: string | null },
): number {
  const resolve = statement(
    db,
    `UPDATE corrections SET resolved_at = ?, resolution = ?, resolution_note = ?
     WHERE professional_id = ? AND status = 'rejected' AND resolved_at IS NULL AND field IN (?, ?)`,
  );
  let resolved = 0;
  for (const field of fields) {
    // Legacy stores answered the mother fact as two items: a new mother correction resolves both.
    const [a, b] = field === MOTHER_FACT_FIELD ? [MOTHER_FACT_FIELD, 'motherName'] : [field, field];
    resolved += resolve.run(now, how.resolution, how.note, professionalId, a, b).changes;
    if (field === MOTHER_FACT_FIELD) resolved += resolve.run(now, how.resolution, how.note, professionalId, 'motherNotListed', 'motherNotListed').changes;
  }
  return resolved;
}

/** A rejection some correction had answered, as the rejections' chain reads it. */
export interface AnsweredRejection {
  old_value: string | null;
  new_value: string | null;
}

const ANSWERED = "status = 'rejected' AND resolution = 'corrected' AND resolution_note IN";

/**
 * The rejections the corrections named (one uuid, or every correction of an import) had answered
 * are open again: those corrections will not bring the field to Implanta after all (rejected
 * themselves, cancelled, or undone). Returns them, newest first.
 */
export function reopenRejectionsAnsweredBy(db: Database, by: { uuid: string } | { importId: number }): AnsweredRejection[] {
  if ('uuid' in by) {
    // A correction answers only rejections of its own record (resolveRejectionsBy): looked for among
    // that record's corrections — by the status index, every rejection of the desk would be read
    // once per rejection an answer of Implanta brings, minutes for a lote of thousands.
    const own = `professional_id = (SELECT professional_id FROM corrections WHERE uuid = @uuid) AND +${ANSWERED} (@uuid)`;
    const reopened = statement<AnsweredRejection>(db, `SELECT old_value, new_value FROM corrections WHERE ${own} ORDER BY id DESC`).all({ uuid: by.uuid });
    if (reopened.length > 0) statement(db, `UPDATE corrections SET resolved_at = NULL, resolution = NULL, resolution_note = NULL WHERE ${own}`).run({ uuid: by.uuid });
    return reopened;
  }
  const answering = '(SELECT uuid FROM corrections WHERE import_id = ?)';
  const reopened = statement<AnsweredRejection>(db, `SELECT old_value, new_value FROM corrections WHERE ${ANSWERED} ${answering} ORDER BY id DESC`).all(by.importId);
  if (reopened.length > 0) {
    statement(db, `UPDATE corrections SET resolved_at = NULL, resolution = NULL, resolution_note = NULL WHERE ${ANSWERED} ${answering}`).run(by.importId);
  }
  return reopened;
}

/**
 * The value Implanta holds before a correction: its old value, unless that was the value of a
 * rejected correction it had answered (made on top of it while it was on its way) — then the value
 * before that one, and so on down the chain.
 */
export function heldBefore(correction: AnsweredRejection, answered: readonly AnsweredRejection[]): string | null {
  let value = correction.old_value;
  for (const rejection of answered) if (rejection.new_value === value) value = rejection.old_value;
  return value;
}

export function saveCorrection(
  db: Database,
  input: ParsedInput<'corrections:save'>,
  now: string,
): {
  corrections: Correction[];
  rowVersion: number;
  dipWarningMessage: string | null;
  conflictsClosed: number;
  conflictsReopened: number;
  refusedBefore: RefusedBefore[];
} {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const current = requireProfessional(db, input.professionalId);
    if (current.rowVersion !== input.expectedRowVersion) throw new AppError('VERSION_CONFLICT', MESSAGES.versionConflict);

    const plan = planCorrection(current, input.changes, { directoryUfOf: (cep) => directoryUfOf(db, cep), typed: true });
    const first = plan.errors[0];
    if (first) throw new AppError(first.code, first.message, { ...(first.field ? { field: first.field } : {}), details: plan.errors });
    if (plan.changes.length === 0) throw new AppError('NO_CHANGE', MESSAGES.noChange);
    const reason = input.reason.trim();
    if (reason.length < 5) throw new AppError('REASON_REQUIRED', MESSAGES.reasonRequired, { field: 'reason' });
    if (!input.evidence?.kind?.trim()) throw new AppError('EVIDENCE_REQUIRED', MESSAGES.evidenceRequired, { field: 'evidence' });
    const noEvidence = evidenceProblem(
      plan.changes.map((c) => c.field),
      input.evidence.kind,
      input.evidence.arrival ?? null,
    );
    if (noEvidence) throw new AppError('EVIDENCE_REQUIRED', noEvidence, { field: 'evidence' });
    if (isFutureEvidenceDate(input.evidence.date, todayIso(new Date(now)))) {
      throw new AppError('DATE_INVALID', EVIDENCE_MESSAGES.futureDate, { field: 'evidenceDate' });
    }
    if (plan.dipConsequence !== 'none' && !input.dipAcknowledged) {
      throw new AppError('DIP_CONFIRMATION_REQUIRED', plan.dipMessage ?? 'Confirme a consequência para o DIP.', {
        details: { dipConsequence: plan.dipConsequence },
      });
    }
    const cpfChange = plan.changes.find((c) => c.field === 'cpf');
    if (cpfChange) refuseDuplicateCpf(db, cpfChange.newValue as string, current.id);
    // Checked before anything is written: a refused atendimento leaves the record as it was.
    const contact = input.contactId === undefined ? null : linkableContact(db, input.contactId, current.id);

    // The row_version guard makes a concurrent save from another window fail instead of overwriting.
    const values = Object.fromEntries(plan.changes.map((c) => [c.field, c.newValue]));
    const written = writeRecordFields(db, current.id, values, now, { expectedRowVersion: input.expectedRowVersion, conflictMessage: MESSAGES.versionConflict });

    const evidence = input.evidence;
    const corrections: Correction[] = correctionItemsOf(current, plan.changes).map((item) => ({
      uuid: randomUUID(),
      professionalId: current.id,
      field: item.field,
      oldValue: item.oldValue,
      newValue: item.newValue,
      reason,
      evidenceKind: evidence.kind.trim(),
      evidenceArrival: evidence.arrival,
      evidenceDate: evidence.date,
      evidenceNote: evidence.note?.trim() || null,
      operator: settings.operator,
      createdAt: now,
      status: 'pending',
      source: 'manual',
      dipConsequence: plan.dipConsequence,
      statusMessage: null,
      dipRequestCorrected: null,
      resolvedAt: null,
      resolution: null,
      resolutionNote: null,
    }));
    const insert = statement(
      db,
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival,
         evidence_date, evidence_note, operator, created_at, status, source, dip_consequence)
       VALUES (@uuid, @professionalId, @field, @oldValue, @newValue, @reason, @evidenceKind, @evidenceArrival,
         @evidenceDate, @evidenceNote, @operator, @createdAt, @status, @source, @dipConsequence)`,
    );
    // Read before this save answers the rejections it repeats.
    const refused = refusedBefore(db, current.id, corrections);
    const ids = new Map<string, number>();
    for (const correction of corrections) {
      ids.set(correction.uuid, Number(insert.run(correction).lastInsertRowid));
      resolveRejectionsBy(db, current.id, [correction.field], now, correction.uuid);
      appendHistory(db, {
        professionalId: current.id,
        at: now,
        operator: settings.operator,
        kind: 'correction',
        field: correction.field,
        oldValue: correction.oldValue,
        newValue: correction.newValue,
        correctionUuid: correction.uuid,
        note: reason,
      });
    }
    refreshAfterCorrections(db, written);
    const closedConflicts = closeAgreedConflicts(db, current.id, corrections, now, settings.operator);
    // A conflict an earlier correction closed, and this one takes the record off the main system's value again.
    const reopenedConflicts = reopenConflictsLeftBy(db, current.id, corrections.map((c) => c.field));
    if (contact) {
      const linked = corrections.map((c) => ({ id: ids.get(c.uuid) ?? 0, uuid: c.uuid, field: c.field, professionalId: current.id }));
      linkCorrections(db, contact.id, linked, now, settings.operator);
    }

    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'correction.save',
      entity: 'professional',
      entityId: String(current.id),
      detail: {
        registrationNumber: current.registrationNumber,
        fields: corrections.map((c) => c.field),
        changes: corrections.map((c) => ({ uuid: c.uuid, field: c.field, old: c.oldValue, new: c.newValue })),
        reason,
        evidence: { kind: evidence.kind.trim(), arrival: evidence.arrival, date: evidence.date },
        dipConsequence: plan.dipConsequence,
        ...(plan.dipWarning ? { dipWarning: plan.dipWarning } : {}),
        ...(contact ? { contact: contact.protocol } : {}),
        ...(closedConflicts.length > 0 ? { closedConflicts } : {}),
        ...(reopenedConflicts.length > 0 ? { reopenedConflicts } : {}),
      },
    });
    return {
      corrections,
      rowVersion: current.rowVersion + 1,
      dipWarningMessage: plan.dipWarningMessage,
      conflictsClosed: closedConflicts.length,
      conflictsReopened: reopenedConflicts.length,
      refusedBefore: refused,
    };
  });
}

function refuseDuplicateCpf(db: Database, cpf: string, ownId: number): void {
  const other = statement<{ registration_number: string }>(db, 'SELECT registration_number FROM professionals WHERE cpf = ? AND id <> ?').get(
    cpf,
    ownId,
  );
  if (other) {
    throw new AppError('CPF_DUPLICATE', `Este CPF já pertence a outro cadastro (registro ${other.registration_number}). Confira o documento.`, {
      field: 'cpf',
    });
  }
  refuseCpfAtImplanta(db, cpf, ownId);
}

/** The queue: filtered, newest first, with who each correction is about (CPF masked). */
export function listCorrections(db: Database, filter: ParsedInput<'corrections:list'>) {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status) {
    where.push('c.status = ?');
    params.push(filter.status);
  }
  if (filter.unresolved) where.push("c.status = 'rejected' AND c.resolved_at IS NULL");
  if (filter.field) {
    // The mother fact: `mother` items, and the two items of stores made before it was one.
    const fields = filter.field === 'motherName' || filter.field === 'motherNotListed' || filter.field === MOTHER_FACT_FIELD ? [MOTHER_FACT_FIELD, 'motherName', 'motherNotListed'] : [filter.field];
    where.push(`c.field IN (${fields.map(() => '?').join(', ')})`);
    params.push(...fields);
  }
  if (filter.operator) {
    where.push('c.operator = ?');
    params.push(filter.operator);
  }
  // created_at is ISO (YYYY-MM-DDT…): comparing text keeps the created_at index usable.
  if (filter.from) {
    where.push('c.created_at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('c.created_at < ?');
    params.push(`${filter.to}~`); // '~' sorts after 'T': every time of that day is below it
  }
  const clause = whereAll(where);
  const total = (db.prepare(`SELECT count(*) AS n FROM corrections c ${clause}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT c.*, p.name AS professional_name, p.cpf AS professional_cpf, p.registration_number AS professional_registration
       FROM corrections c JOIN professionals p ON p.id = c.professional_id
       ${clause} ORDER BY c.id DESC LIMIT ? OFFSET ?`, // the last saved first, as correctionsOfProfessional
    )
    .all(...params, filter.pageSize, filter.page * filter.pageSize) as (CorrectionRow & {
    professional_name: string;
    professional_cpf: string;
    professional_registration: string;
  })[];
  const items: CorrectionListItem[] = rows.map((row) => ({
    ...toCorrection(row),
    professionalName: row.professional_name,
    cpfMasked: maskCpf(row.professional_cpf),
    registrationNumber: row.professional_registration,
  }));
  return { total, page: filter.page, pageSize: filter.pageSize, items };
}

/** Counts per status, every status present (zero when none). */
function statusCounts(rows: { status: string; n: number }[]): Record<CorrectionStatus, number> {
  const counts = Object.fromEntries(CORRECTION_STATUSES.map((s) => [s, 0])) as Record<CorrectionStatus, number>;
  for (const row of rows) if (row.status in counts) counts[row.status as CorrectionStatus] = row.n;
  return counts;
}

export function correctionCountsOf(db: Database, professionalId: number): Record<CorrectionStatus, number> {
  return statusCounts(
    statement<{ status: string; n: number }>(db, 'SELECT status, count(*) AS n FROM corrections WHERE professional_id = ? GROUP BY status').all(
      professionalId,
    ),
  );
}

export function correctionCounts(db: Database): Record<CorrectionStatus, number> {
  return statusCounts(statement<{ status: string; n: number }>(db, 'SELECT status, count(*) AS n FROM corrections GROUP BY status').all());
}

export function correctionOperators(db: Database): string[] {
  return statement<{ operator: string }>(db, 'SELECT DISTINCT operator FROM corrections ORDER BY operator')
    .all()
    .map((r) => r.operator);
}
