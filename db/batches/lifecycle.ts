// A batch's life: created from what is pending, reviewed while open, sealed (fixed for good),
// exported, marked sent, acknowledged; or cancelled before sealing, giving its items back to the
// queue. Each step is one transaction with its audit entry, and moves the items' statuses along.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { BatchSummary, HeldBack } from '../../shared/contract/batches';
import { BATCH_STATE_LABELS, inSentence } from '../../shared/display/labels';
import type { BatchState } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { seccionalTag } from '../../shared/regions';
import { appendAudit } from '../audit';
import { requireSettings } from '../settings';
import { statement } from '../statements';
import { brasilia, instantOfBrasiliaTime } from './clock';
import { refreshDipActions } from './dipActions';
import { heldBackFromNewLote, heldBackFromOpenLote, heldBackLines } from './heldBack';
import { IMPLANTA_CPF_SQL } from './payloadPreviousCpf';
import { CURRENT_SCHEMA_VERSION } from './schemas';
import { sealedRowsSha256 } from './sealedPayload';
import { batchNumber, batchSummary, requireBatchRow, type BatchRow } from './summary';
import { lastUndoneSeq } from './undoneLotes';
import { writeTransaction } from '../storeLock';

/** A correction of no import, or of an import already recorded (one still being written has no row yet). */
const RECORDED_IMPORT = '(import_id IS NULL OR import_id IN (SELECT id FROM imports))';

/** A batch's state inside a sentence: "o lote está em revisão". */
export function stateWord(state: BatchState): string {
  return inSentence(BATCH_STATE_LABELS[state]);
}

function wrongState(row: BatchRow, action: string, allowed: readonly BatchState[]): AppError {
  return new AppError(
    'BATCH_STATE',
    `O lote ${row.number} está ${stateWord(row.state)}: só é possível ${action} um lote ${allowed.map(stateWord).join(' ou ')}.`,
    { details: { state: row.state } },
  );
}

function requireState(row: BatchRow, action: string, allowed: readonly BatchState[]): void {
  if (!allowed.includes(row.state)) throw wrongState(row, action, allowed);
}

/** A new batch with every pending correction and CEP change; numbered per region and year. */
export function createBatch(db: Database, now: Date): BatchSummary {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const open = statement<{ number: string; items: number }>(
      db,
      `SELECT number, (SELECT count(*) FROM corrections WHERE batch_id = b.id) + (SELECT count(*) FROM cep_changes WHERE batch_id = b.id) AS items
         FROM batches b WHERE state = 'open' LIMIT 1`,
    ).get();
    if (open) {
      // An open lote every item left cannot be sealed: only cancelling it makes room.
      throw new AppError(
        'BATCH_OPEN_EXISTS',
        open.items === 0
          ? `O lote ${open.number} ainda está em revisão, mas ficou vazio: cancele-o antes de gerar outro.`
          : `O lote ${open.number} ainda está em revisão: lacre-o ou cancele-o antes de gerar outro.`,
      );
    }
    // Corrections of an import still being written (no row of its own yet) wait for its end: it
    // may still be cancelled or fail, and take them back.
    const pending = statement<{ corrections: number; cep: number }>(
      db,
      `SELECT (SELECT count(*) FROM corrections WHERE status = 'pending' AND ${RECORDED_IMPORT}) AS corrections,
              (SELECT count(*) FROM cep_changes WHERE status = 'pending') AS cep`,
    ).get() as { corrections: number; cep: number };
    // A record named by the CPF Implanta still knows another record by waits (./heldBack.ts).
    const held = heldBackFromNewLote(db);
    const heldCorrections = held.reduce((sum, h) => sum + h.corrections, 0);
    if (pending.corrections + pending.cep > 0 && pending.corrections - heldCorrections + pending.cep === 0) {
      throw new AppError('BATCH_EMPTY', `Nada pendente pode entrar num lote agora: ${heldBackLines(held)}`, { details: { heldBack: held } });
    }
    if (pending.corrections + pending.cep === 0) {
      const importing = statement(db, `SELECT 1 FROM corrections WHERE status = 'pending' AND NOT ${RECORDED_IMPORT} LIMIT 1`).get() !== undefined;
      throw new AppError(
        'BATCH_EMPTY',
        importing
          ? 'Nada pendente para enviar ainda: uma importação está sendo gravada, e as correções dela entram no lote quando ela terminar.'
          : 'Nada pendente para enviar: as correções e os CEPs salvos entram no próximo lote.',
      );
    }
    const iso = now.toISOString();
    const year = brasilia(now).year;
    const last = statement<{ seq: number | null }>(db, 'SELECT max(seq) AS seq FROM batches WHERE region = ? AND year = ?').get(settings.region, year);
    // A lote a restore undid may be in Implanta's hands under its number: never give it to another.
    const seq = Math.max(last?.seq ?? 0, lastUndoneSeq(db, settings.region, year)) + 1;
    const number = batchNumber(year, seq);
    const uuid = randomUUID();
    const id = Number(
      statement(
        db,
        `INSERT INTO batches (uuid, region, year, seq, number, state, operator, created_at, schema_version) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      ).run(uuid, settings.region, year, seq, number, settings.operator, iso, CURRENT_SCHEMA_VERSION).lastInsertRowid,
    );
    const corrections = statement(
      db,
      `UPDATE corrections SET batch_id = ?, status = 'batched', status_changed_at = ?
       WHERE status = 'pending' AND ${RECORDED_IMPORT} AND professional_id NOT IN (SELECT value FROM json_each(?))`,
    ).run(id, iso, JSON.stringify(held.map((h) => h.professionalId))).changes;
    const cep = statement(db, "UPDATE cep_changes SET batch_id = ?, status = 'batched' WHERE status = 'pending'").run(id).changes;
    // Reviewed as it will be sealed: with what the DIP stands at now (sealing looks again).
    refreshDipActions(db, id);
    appendAudit(db, {
      at: iso,
      operator: settings.operator,
      action: 'batch.create',
      entity: 'batch',
      entityId: String(id),
      detail: { number, uuid, region: settings.region, corrections, cepChanges: cep, ...heldBackDetail(held) },
    });
    return batchSummary(db, id, now);
  });
}

/** What the audit keeps of the records held back: who, and how many corrections. */
function heldBackDetail(held: readonly HeldBack[]): { heldBack?: { registrationNumber: string; corrections: number; knownBy: string }[] } {
  return held.length === 0 ? {} : { heldBack: held.map((h) => ({ registrationNumber: h.registrationNumber, corrections: h.corrections, knownBy: h.knownByRegistrationNumber })) };
}

/**
 * Seals an open batch: from now on its items and what it says about each professional never
 * change (CPF, registration number and name are kept as they are now), so every export of it is
 * byte-identical. For each professional it also keeps the CPF Implanta knows her by when it is not
 * hers now (./payloadPreviousCpf.ts: a CPF a registry load changed, or her CPF correction not yet
 * synced), else none.
 */
export function sealBatch(db: Database, id: number, now: Date, appVersion: string): BatchSummary {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const row = requireBatchRow(db, id);
    requireState(row, 'fechar', ['open']);
    // A record named by the CPF Implanta still knows another record by leaves the lote (./heldBack.ts),
    // however it came to: a load since the lote was created; the caller learns which.
    const held = heldBackFromOpenLote(db, id);
    const iso = now.toISOString();
    if (held.length > 0) {
      statement(db, "UPDATE corrections SET batch_id = NULL, status = 'pending', status_changed_at = ? WHERE batch_id = ? AND professional_id IN (SELECT value FROM json_each(?))").run(
        iso,
        id,
        JSON.stringify(held.map((h) => h.professionalId)),
      );
    }
    // Every item may have left it (taken out, cancelled, dropped by a conflict): an empty lote sent
    // could never be answered, and would stay sent and overdue for good.
    const items = statement<{ n: number }>(
      db,
      'SELECT (SELECT count(*) FROM corrections WHERE batch_id = ?) + (SELECT count(*) FROM cep_changes WHERE batch_id = ?) AS n',
    ).get(id, id) as { n: number };
    if (items.n === 0) {
      throw new AppError(
        'BATCH_EMPTY',
        held.length > 0
          ? `O lote ${row.number} ficaria vazio, e não foi lacrado: ${heldBackLines(held)} Cancele-o; o que está pendente entra num próximo lote.`
          : `O lote ${row.number} ficou vazio: todos os seus itens saíram dele (retirados, cancelados ou deixados por um conflito com o sistema do Regional). Não há o que lacrar nem o que a Implanta responder: cancele-o; o que está pendente entra no próximo lote.`,
        held.length > 0 ? { details: { heldBack: held } } : undefined,
      );
    }
    const dipActionsUpdated = refreshDipActions(db, id);
    statement(
      db,
      `INSERT INTO batch_professionals (batch_id, professional_id, cpf, registration_number, name, previous_cpf)
       SELECT ?, p.id, p.cpf, p.registration_number, p.name, ${IMPLANTA_CPF_SQL}
       FROM professionals p
       WHERE p.id IN (SELECT DISTINCT professional_id FROM corrections WHERE batch_id = ?)`,
    ).run(id, id);
    // The seccional's mark in the package's name is fixed here, like everything else the package
    // says; a head office's lote keeps the column empty, as lotes sealed before it existed.
    const tag = seccionalTag(settings.seccional);
    if (tag !== null) statement(db, 'UPDATE batches SET seccional_tag = ? WHERE id = ?').run(tag, id);
    statement(db, "UPDATE batches SET state = 'sealed', sealed_at = ?, app_version = ? WHERE id = ?").run(iso, appVersion, id);
    // What this lote's package will always be made of, kept in the sealing's entry (./sealedPayload.ts).
    const rowsSha256 = sealedRowsSha256(db, { id, sealed_at: iso });
    const summary = batchSummary(db, id, now);
    appendAudit(db, {
      at: iso,
      operator: settings.operator,
      action: 'batch.seal',
      entity: 'batch',
      entityId: String(id),
      detail: {
        number: row.number,
        corrections: summary.counts.corrections,
        cepChanges: summary.counts.cepChanges,
        dipRequests: summary.counts.dipRequests,
        ...(dipActionsUpdated > 0 ? { dipActionsUpdated } : {}),
        ...heldBackDetail(held),
        rowsSha256,
      },
    });
    return held.length > 0 ? { ...summary, heldBack: held } : summary;
  });
}

/**
 * Cancels an open batch: its corrections and CEP changes go back to the queue as pending. `operator`:
 * who signs it when no one is signed in on this connection (a restore, on the copy it swaps in).
 */
export function cancelBatch(db: Database, id: number, now: Date, operator?: string): BatchSummary {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const row = requireBatchRow(db, id);
    requireState(row, 'cancelar', ['open']);
    const iso = now.toISOString();
    const corrections = statement(db, "UPDATE corrections SET batch_id = NULL, status = 'pending', status_changed_at = ? WHERE batch_id = ?").run(iso, id).changes;
    const cep = statement(db, "UPDATE cep_changes SET batch_id = NULL, status = 'pending' WHERE batch_id = ?").run(id).changes;
    statement(db, "UPDATE batches SET state = 'cancelled', cancelled_at = ? WHERE id = ?").run(iso, id);
    appendAudit(db, {
      at: iso,
      operator: operator ?? settings.operator,
      action: 'batch.cancel',
      entity: 'batch',
      entityId: String(id),
      detail: { number: row.number, corrections, cepChanges: cep },
    });
    return batchSummary(db, id, now);
  });
}

/** Records a finished export: the package's name and SHA-256; a sealed batch becomes exported. */
export function recordExport(
  db: Database,
  id: number,
  result: { fileName: string; sha256: string; encrypted: boolean; bytes: number },
  now: Date,
): BatchSummary {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const row = requireBatchRow(db, id);
    requireState(row, 'exportar', ['sealed', 'exported', 'sent', 'acknowledged']);
    // A sealed lote exports to the same bytes every time (docs/batch-format.md): other bytes mean its
    // sealed data was rewritten outside the desk, and the package Implanta holds is the first one.
    if (!result.encrypted && row.package_sha256 !== null && row.package_sha256 !== result.sha256) {
      throw new AppError(
        'AUDIT_BROKEN',
        `Os dados do lote ${row.number} foram alterados fora do CRESS Desk depois da lacração: o pacote gerado agora (SHA-256 ${result.sha256.slice(0, 12)}…) não é o exportado antes (${row.package_sha256.slice(0, 12)}…). Nada foi exportado. Avise o responsável pela informática do Regional e restaure uma cópia de segurança anterior à alteração.`,
      );
    }
    const iso = now.toISOString();
    statement(
      db,
      `UPDATE batches SET state = CASE WHEN state = 'sealed' THEN 'exported' ELSE state END,
         exported_at = ?, package_file_name = ?,
         package_sha256 = CASE WHEN ? THEN package_sha256 ELSE ? END,
         encrypted_sha256 = CASE WHEN ? THEN ? ELSE encrypted_sha256 END
       WHERE id = ?`,
    ).run(iso, result.fileName, result.encrypted ? 1 : 0, result.sha256, result.encrypted ? 1 : 0, result.sha256, id);
    appendAudit(db, {
      at: iso,
      operator: settings.operator,
      action: 'batch.export',
      entity: 'batch',
      entityId: String(id),
      detail: { number: row.number, fileName: result.fileName, sha256: result.sha256, bytes: result.bytes, encrypted: result.encrypted },
    });
    return batchSummary(db, id, now);
  });
}

const FUTURE_SLACK_MS = 5 * 60_000;

/** Marks an exported batch as sent to Implanta (now, or when the clerk says it was sent). */
export function markBatchSent(db: Database, input: { id: number; sentAt?: string; overdueHours?: number }, now: Date): BatchSummary {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const row = requireBatchRow(db, input.id);
    requireState(row, 'marcar como enviado', ['exported']);
    // A date without a zone is the clerk's, in Brasília; a plain date, the start of that day there.
    const sentAt = input.sentAt === undefined ? now : instantOfBrasiliaTime(input.sentAt);
    if (Number.isNaN(sentAt.getTime())) throw new AppError('DATE_INVALID', 'Data e hora de envio inválidas: use dd/mm/aaaa e hh:mm.', { field: 'sentAt' });
    if (sentAt.getTime() > now.getTime() + FUTURE_SLACK_MS) {
      throw new AppError('DATE_INVALID', 'A data de envio está no futuro: informe quando o pacote foi enviado.', { field: 'sentAt' });
    }
    // The clerk gives the time to the minute: the minute of sealing itself is fine.
    const sealed = row.sealed_at ? Date.parse(row.sealed_at) : 0;
    if (sentAt.getTime() < sealed - (sealed % 60_000)) {
      throw new AppError('DATE_INVALID', 'A data de envio é anterior à lacração do lote: confira a data.', { field: 'sentAt' });
    }
    const iso = new Date(Math.max(sentAt.getTime(), sealed)).toISOString();
    const hours = input.overdueHours ?? row.overdue_hours;
    const corrections = statement(db, "UPDATE corrections SET status = 'sent', status_changed_at = ? WHERE batch_id = ? AND status = 'batched'").run(iso, row.id).changes;
    const cep = statement(db, "UPDATE cep_changes SET status = 'sent' WHERE batch_id = ? AND status = 'batched'").run(row.id).changes;
    statement(db, "UPDATE batches SET state = 'sent', sent_at = ?, overdue_hours = ? WHERE id = ?").run(iso, hours, row.id);
    appendAudit(db, {
      at: now.toISOString(),
      operator: settings.operator,
      action: 'batch.send',
      entity: 'batch',
      entityId: String(row.id),
      detail: { number: row.number, sentAt: iso, overdueHours: hours, corrections, cepChanges: cep },
    });
    return batchSummary(db, row.id, now);
  });
}
