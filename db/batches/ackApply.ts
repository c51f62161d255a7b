// Applying Implanta's acknowledgement: every answer checked first (one sent batch, known ids,
// no duplicates, the package's checksum), then, in one transaction, every status changed, each
// synced correction noted in its record's history, each rejected one giving the record Implanta's
// value back, and the DIP statuses the answer brings written to the records. The same file
// imported again changes nothing; ids the file leaves out stay sent (a partial answer).
import type { Database } from 'better-sqlite3';
import type { AckResult, OutOfOrder, SealedOnRejected } from '../../shared/contract/batches';
import type { DipConsequence } from '../../shared/domain';
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { refreshAfterCorrections } from '../pendencies';
import { appendHistory } from '../recordHistory';
import { getProfessional } from '../registry';
import { giveBackImplantaValue } from '../rejections';
import { requireSettings } from '../settings';
import { statement } from '../statements';
import { mixedAddresses } from './ackAddress';
import { refuseOtherPerson } from './ackCpf';
import { applyDipStatus, futureDipDate, pastAckDate } from './ackDip';
import { itemNamer } from './ackItemNames';
import { refuseNoItemFor } from './ackNoItem';
import { appliedAfterNewer, outOfOrderNote } from './ackOrder';
import { sealedOnRejected } from './ackSealedOnRejected';
import { nothingKnown, notSentError, unknownBatch } from './ackUnknownBatch';
import { normaliseDipDate } from './ackDates';
import type { AckAnswer, AckFile } from './ackTypes';
import { conflictRefusal, type Conflict } from './ackConflict';
import { listShown, placeOf, placesOf } from './ackPlace';
import { batchSummary, requireBatchRow, type BatchRow } from './summary';
import { undoneLotesItMayAnswer } from './undoneAnswer';
import { trialTransaction, writeTransaction } from '../storeLock';

interface ItemState {
  table: 'corrections' | 'cep_changes';
  id: number;
  batchId: number | null;
  status: string;
  /** Corrections only (null for a CEP change). */
  professionalId: number | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  dipConsequence: DipConsequence;
  /** When Implanta's earlier answer reached the desk (corrections already answered; else null). */
  statusChangedAt: string | null;
  /** Whether Implanta said it corrected the DIP request too (1), or only the registry (0); null when unknown. */
  dipRequestCorrected: number | null;
  /** Implanta's message kept with its earlier answer. */
  statusMessage: string | null;
}

/**
 * Whether this desk wrote a package of the batch with this SHA-256. Each export is an audit entry
 * naming its SHA-256, and an export again (another passphrase, or after the desk's key changed)
 * gives other bytes: the answer may name any of them, above all the one Implanta received.
 */
function wroteThisPackage(db: Database, batch: BatchRow, sha256: string): boolean {
  if (sha256 === batch.package_sha256 || sha256 === batch.encrypted_sha256) return true;
  return (
    statement(
      db,
      "SELECT 1 FROM audit_log WHERE entity = 'batch' AND entity_id = ? AND action = 'batch.export' AND json_extract(detail, '$.sha256') = ? LIMIT 1",
    ).get(String(batch.id), sha256) !== undefined
  );
}

/** An item's state, named as ItemState in the SQL: a correction, or a CEP change (no record, no field). */
function lookup(db: Database, id: string): ItemState | null {
  return (
    statement<ItemState>(
      db,
      `SELECT 'corrections' AS "table", id, batch_id AS batchId, status, professional_id AS professionalId, field, old_value AS oldValue, new_value AS newValue,
        dip_consequence AS dipConsequence, status_changed_at AS statusChangedAt, dip_request_corrected AS dipRequestCorrected, status_message AS statusMessage FROM corrections WHERE uuid = ?`,
    ).get(id) ??
    statement<ItemState>(
      db,
      `SELECT 'cep_changes' AS "table", id, batch_id AS batchId, status, NULL AS professionalId, NULL AS field, NULL AS oldValue, NULL AS newValue,
        'none' AS dipConsequence, NULL AS statusChangedAt, NULL AS dipRequestCorrected, status_message AS statusMessage FROM cep_changes WHERE uuid = ?`,
    ).get(id) ??
    null
  );
}

/** Whether Implanta also corrected the DIP request: known only for an applied correction that asked for it. */
function dipRequestCorrected(state: ItemState, registryOnly: boolean): number | null {
  if (registryOnly) return 0;
  return state.dipConsequence === 'correct_dip_request' ? 1 : null;
}

const REGISTRY_ONLY_NOTE = 'Aplicada no cadastro; a solicitação do DIP não foi corrigida.';

function numberOf(db: Database, batchId: number): string {
  return requireBatchRow(db, batchId).number;
}

/** Which sheets of a workbook answer were read, and the hidden rows whose answers were taken (ackWorkbook.ts). */
function sheetsOfResult(ack: AckFile): Pick<AckResult, 'sheets' | 'hiddenRows'> {
  if (!ack.sheets) return { sheets: null, hiddenRows: [] };
  const { hiddenRows, ...sheets } = ack.sheets;
  return { sheets, hiddenRows };
}

/** Checks and applies an acknowledgement; throws (changing nothing) on any problem. */
export function applyAck(db: Database, ack: AckFile, fileName: string, now: Date): AckResult {
  return writeTransaction(db, () => answer(db, ack, fileName, now));
}

/** What applying the answer would change: applied with the writer lock held, then rolled back. */
export function previewAck(db: Database, ack: AckFile, fileName: string, now: Date): AckResult {
  return trialTransaction(db, () => answer(db, ack, fileName, now));
}

function answer(db: Database, ack: AckFile, fileName: string, now: Date): AckResult {
  const settings = requireSettings(db);

  const seen = new Map<string, AckAnswer>();
  const duplicates: { id: string; where: string }[] = [];
  for (const answer of ack.answers) {
    const first = seen.get(answer.id);
    if (first !== undefined) duplicates.push({ id: answer.id, where: placesOf(ack.format, [first, answer]) });
    else seen.set(answer.id, answer);
  }
  if (duplicates.length > 0) {
    throw new AppError('ACK_DUPLICATE_IDS', `O arquivo responde mais de uma vez ao mesmo id: ${listShown(duplicates.map((d) => `${d.id} (${d.where})`))}. Peça à Implanta um arquivo com uma resposta por correção.`, {
      details: { ids: duplicates.map((d) => d.id) },
    });
  }

  let named: BatchRow | null = null;
  if (ack.batch) {
    named = statement<BatchRow>(db, 'SELECT * FROM batches WHERE uuid = ?').get(ack.batch.uuid) ?? null;
    if (!named || (ack.batch.number !== null && ack.batch.number !== named.number)) throw unknownBatch(db, ack, named);
    if (named.state === 'cancelled') throw notSentError(db, named);
  }

  const states = new Map<string, ItemState>();
  const unknown: { id: string; where: string }[] = [];
  const outOfBatch: string[] = [];
  const batches = new Map<number, number>();
  for (const answer of ack.answers) {
    const state = lookup(db, answer.id);
    if (!state) unknown.push({ id: answer.id, where: placeOf(ack.format, answer) });
    else if (state.batchId === null) outOfBatch.push(answer.id);
    else {
      states.set(answer.id, state);
      batches.set(state.batchId, (batches.get(state.batchId) ?? 0) + 1);
    }
  }
  if (unknown.length > 0) {
    throw new AppError('ACK_UNKNOWN_IDS', `${unknown.length === 1 ? 'Um id do arquivo não é' : `${formatCount(unknown.length)} ids do arquivo não são`} de nenhum lote deste computador: ${listShown(unknown.map((u) => `${u.id} (${u.where})`))}. ${nothingKnown(db)}`, {
      details: { ids: unknown.map((u) => u.id) },
    });
  }
  if (outOfBatch.length > 0) {
    throw new AppError(
      'ACK_NOT_SENT',
      `${outOfBatch.length === 1 ? 'Um id do arquivo é de uma correção desta mesa que não está' : `${formatCount(outOfBatch.length)} ids do arquivo são de correções desta mesa que não estão`} em nenhum lote (o lote foi cancelado, ou a correção foi retirada dele antes de lacrá-lo, e ela voltou para a fila; a correção foi cancelada antes de sair; ou uma cópia de segurança anterior ao lote foi restaurada): ${listShown(outOfBatch)}. Nada foi alterado: confira com a Implanta de que pacote é esta confirmação.`,
      { details: { ids: outOfBatch } },
    );
  }
  if (named) {
    const others = [...batches.keys()].filter((id) => id !== named.id);
    if (others.length > 0) {
      throw new AppError(
        'ACK_MIXED_BATCHES',
        `O arquivo diz responder ao lote ${named.number}, mas traz ids do lote ${others.map((id) => numberOf(db, id)).join(', ')}: é a confirmação de outro lote.`,
      );
    }
  } else if (batches.size > 1) {
    throw new AppError(
      'ACK_MIXED_BATCHES',
      `O arquivo mistura respostas de ${batches.size} lotes (${[...batches.keys()].map((id) => numberOf(db, id)).join(', ')}): importe um arquivo por lote.`,
    );
  }
  const batch = named ?? requireBatchRow(db, [...batches.keys()][0] as number);
  refuseOtherPerson(db, ack);

  if (batch.state !== 'sent' && batch.state !== 'acknowledged') throw notSentError(db, batch);
  if (ack.answers.length === 0) refuseNoItemFor(db, batch);
  if (ack.packageSha256 !== null && !wroteThisPackage(db, batch, ack.packageSha256)) {
    throw new AppError(
      'ACK_CHECKSUM',
      `A soma SHA-256 do pacote na confirmação não confere com nenhum pacote exportado do lote ${batch.number} nesta mesa: a confirmação é de outro arquivo ou foi alterada. Se uma cópia de segurança anterior à exportação enviada foi restaurada, exporte o lote de novo como foi enviado (com a mesma senha, se tinha): o pacote sai igual, e a confirmação passa a conferir.`,
    );
  }

  const conflicts: Conflict[] = [];
  for (const answer of ack.answers) {
    const state = states.get(answer.id) as ItemState;
    const before = { status: state.status, dipRequestCorrected: state.dipRequestCorrected };
    if ((state.status === 'synced' || state.status === 'rejected') && state.status !== answer.status) conflicts.push({ answer, before });
    // Applied with the DIP request corrected, and now without it (or the other way round): another answer too.
    else if (
      state.status === 'synced' &&
      state.dipConsequence === 'correct_dip_request' &&
      state.dipRequestCorrected !== null &&
      dipRequestCorrected(state, answer.registryOnly) !== state.dipRequestCorrected
    ) {
      conflicts.push({ answer, before });
    }
  }
  if (conflicts.length > 0) throw conflictRefusal(ack.format, conflicts, itemNamer(db));

  // "Applied to the registry, DIP request not corrected" speaks of a person's DIP: no CEP change has one.
  const cepWithDip = ack.answers.filter((a) => (a.dipStatus !== null || a.registryOnly) && (states.get(a.id) as ItemState).table === 'cep_changes');
  if (cepWithDip.length > 0) {
    throw new AppError(
      'ACK_INVALID',
      `O arquivo traz a situação do DIP (ou “aplicada no cadastro, DIP não corrigido”) para ${cepWithDip.length === 1 ? 'uma alteração de CEP' : `${formatCount(cepWithDip.length)} alterações de CEP`} (${listShown(cepWithDip.map((a) => a.id))}): a situação do DIP só vale para correções de dados de uma/um profissional. Nada foi alterado.`,
    );
  }

  const wrongDate = futureDipDate(ack, now, itemNamer(db)) ?? pastAckDate(ack, { number: batch.number, sealedAt: batch.sealed_at }, itemNamer(db));
  if (wrongDate !== null) {
    throw new AppError('ACK_INVALID', `${wrongDate}: confira a data com a Implanta (dia e mês trocados, ou o ano). Nada foi alterado.`);
  }

  const iso = now.toISOString();
  const operator = settings.operator;
  // When the file gives no date for a DIP status: as of the answer (or of its import).
  const acknowledgedAt = ack.acknowledgedAt !== null ? normaliseDipDate(ack.acknowledgedAt) : null;
  const answeredAt = acknowledgedAt ?? iso;
  let applied = 0;
  let rejected = 0;
  let unchanged = 0;
  let registryOnly = 0;
  let dipUpdated = 0;
  let dipStale = 0;
  const outOfOrder: OutOfOrder[] = [];
  const onRejected: SealedOnRejected[] = [];
  const otherMessages: AckResult['otherMessages'] = [];
  const updateCorrection = statement(
    db,
    "UPDATE corrections SET status = ?, status_message = ?, status_changed_at = ?, dip_request_corrected = ? WHERE uuid = ? AND status = 'sent'",
  );
  const updateCep = statement(db, "UPDATE cep_changes SET status = ?, status_message = ? WHERE uuid = ? AND status = 'sent'");
  const rejections: { uuid: string; message: string | null }[] = [];
  const mixed = mixedAddresses(
    db,
    ack.answers.flatMap((a) => {
      const state = states.get(a.id) as ItemState;
      return state.status === 'sent' && state.table === 'corrections' ? [{ uuid: a.id, field: state.field, status: a.status }] : [];
    }),
  );
  for (const answer of ack.answers) {
    const state = states.get(answer.id) as ItemState;
    if (state.status !== 'sent') {
      unchanged++;
      // The first answer stands; a rejection repeated with another reason is said, not dropped in silence.
      if (answer.status === 'rejected' && state.status === 'rejected' && answer.message !== null && answer.message !== state.statusMessage) {
        otherMessages.push({ line: answer.line, ...(answer.sheet === undefined ? {} : { sheet: answer.sheet }), kept: state.statusMessage, file: answer.message });
      }
    } else {
      const message = answer.message ?? (answer.status === 'rejected' ? 'Rejeitada pela Implanta sem motivo informado.' : null);
      if (state.table === 'cep_changes') {
        updateCep.run(answer.status, message, answer.id);
      } else if (answer.status === 'synced') {
        updateCorrection.run('synced', message, iso, dipRequestCorrected(state, answer.registryOnly), answer.id);
        const late = appliedAfterNewer(db, state as ItemState & { professionalId: number; field: string });
        if (late) outOfOrder.push(late);
        appendHistory(db, {
          professionalId: state.professionalId as number,
          at: iso,
          operator,
          kind: 'synced',
          field: state.field,
          oldValue: state.oldValue,
          newValue: state.newValue,
          correctionUuid: answer.id,
          batchId: batch.id,
          note: [answer.registryOnly ? REGISTRY_ONLY_NOTE : null, message, late ? outOfOrderNote(late) : null, mixed.notes.get(answer.id)].filter(Boolean).join(' ') || null,
        });
      } else {
        updateCorrection.run('rejected', message, iso, null, answer.id);
        onRejected.push(...sealedOnRejected(db, state as ItemState & { professionalId: number; field: string }));
        rejections.push({ uuid: answer.id, message: [message, mixed.notes.get(answer.id)].filter(Boolean).join(' ') });
      }
      if (answer.status === 'synced') applied++;
      else rejected++;
      // A CEP change has no DIP request: "registry only" is just applied for it.
      if (answer.status === 'synced' && answer.registryOnly && state.table === 'corrections') registryOnly++;
    }
    if (answer.dipStatus !== null && state.professionalId !== null) {
      // An item answered before (the same file again, or an older answer found late) brings an
      // undated status as of that answer, never as news of today.
      const undatedAt = state.status !== 'sent' && state.statusChangedAt !== null && state.statusChangedAt < answeredAt ? state.statusChangedAt : answeredAt;
      const outcome = applyDipStatus(db, {
        professionalId: state.professionalId,
        status: answer.dipStatus,
        date: answer.dipStatusDate ?? undatedAt,
        batchId: batch.id,
        dated: answer.dipStatusDate !== null || acknowledgedAt !== null,
        note: `Informada pela Implanta na confirmação do lote ${batch.number}.`,
        now: iso,
        operator,
      });
      if (outcome === 'updated') dipUpdated++;
      else if (outcome === 'stale') dipStale++;
    }
  }

  // Newest first, once every answer is in: two rejected corrections of one field give back the
  // value Implanta held before both (the older one's old value), not the newer one's.
  const idOf = statement<{ id: number }>(db, 'SELECT id FROM corrections WHERE uuid = ?');
  rejections.sort((a, b) => (idOf.get(b.uuid)?.id ?? 0) - (idOf.get(a.uuid)?.id ?? 0));
  for (const r of rejections) giveBackImplantaValue(db, r.uuid, r.message, iso, operator);

  // An answer with no item closes a lote sealed empty (refuseNoItemFor): nothing in it is left to answer.
  if (applied + rejected + dipUpdated > 0 || (ack.answers.length === 0 && batch.state === 'sent')) {
    const left = statement<{ n: number }>(
      db,
      "SELECT (SELECT count(*) FROM corrections WHERE batch_id = ? AND status = 'sent') + (SELECT count(*) FROM cep_changes WHERE batch_id = ? AND status = 'sent') AS n",
    ).get(batch.id, batch.id) as { n: number };
    statement(db, 'UPDATE batches SET acknowledged_at = ?, state = ? WHERE id = ?').run(iso, left.n === 0 ? 'acknowledged' : 'sent', batch.id);
    appendAudit(db, {
      at: iso,
      operator: settings.operator,
      action: 'batch.acknowledge',
      entity: 'batch',
      entityId: String(batch.id),
      detail: {
        number: batch.number,
        fileName,
        format: ack.format,
        sha256: ack.sha256,
        applied,
        rejected,
        unchanged,
        unanswered: left.n,
        registryOnly,
        dipUpdated,
        dipStale,
        outOfOrder: outOfOrder.length,
        mixedAddresses: mixed.list.length,
        sealedOnRejected: onRejected.length,
      },
    });
  }
  const summary = batchSummary(db, batch.id, now);
  // Corrections answered are no longer in flight: a DIP request that waited for them is checked again.
  const answered = new Set([...states.values()].filter((s) => s.table === 'corrections' && s.professionalId !== null).map((s) => s.professionalId as number));
  for (const id of answered) {
    const record = getProfessional(db, id);
    if (record) refreshAfterCorrections(db, record);
  }
  return {
    batch: summary,
    applied,
    rejected,
    unchanged,
    unanswered: summary.counts.unanswered,
    registryOnly,
    dipUpdated,
    dipStale,
    outOfOrder,
    mixedAddresses: mixed.list,
    sealedOnRejected: onRejected,
    otherMessages,
    unansweredCeps: ack.format === 'json' ? [] : (statement<{ cep: string }>(db, "SELECT cep FROM cep_changes WHERE batch_id = ? AND status = 'sent' ORDER BY cep").all(batch.id).map((c) => c.cep)),
    fileSha256: ack.sha256,
    format: ack.format,
    mayAnswerUndone: undoneLotesItMayAnswer(db, ack, batch),
    ...sheetsOfResult(ack),
  };
}
