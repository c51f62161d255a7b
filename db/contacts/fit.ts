// Which of the council's message templates fit an atendimento now: what its corrections (or, when it
// led to none, the record's corrections in flight) and the record's DIP status say happened. The
// message preview lists them first, and a message is recorded as sent to the professional only when
// its template is one of them — a message saying a correction was applied when it was not would
// take the professional off the "a avisar" list with news that never happened.
import type { Database } from 'better-sqlite3';
import { MESSAGE_TEMPLATES, proposeMessage, type MessageTemplate } from '../../shared/contacts/messages';
import type { CorrectionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { isLive, situationOf } from './notify';

/** A correction of the record as the e-mails describe it. */
export interface CorrectionFacts {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  status: CorrectionStatus;
  /** A rejection corrected again or dismissed. */
  resolution: string | null;
  statusMessage: string | null;
  batchNumber: string | null;
  batchSentAt: string | null;
}

const CORRECTION_SQL = `SELECT c.field, c.old_value AS oldValue, c.new_value AS newValue, c.status, c.resolution, c.status_message AS statusMessage,
                               b.number AS batchNumber, b.sent_at AS batchSentAt
                        FROM corrections c LEFT JOIN batches b ON b.id = c.batch_id`;

/** The record's corrections not yet answered by Implanta (pending, in a lote, sent). */
export function inFlight(db: Database, professionalId: number): CorrectionFacts[] {
  return db.prepare(`${CORRECTION_SQL} WHERE c.professional_id = ? AND c.status IN ('pending', 'batched', 'sent') ORDER BY c.id`).all(professionalId) as CorrectionFacts[];
}

/** The corrections the atendimento led to, or else the record's latest ones still in flight. */
function concerned(db: Database, contactId: number, professionalId: number | null): CorrectionFacts[] {
  const linked = db
    .prepare(`${CORRECTION_SQL} JOIN contact_corrections l ON l.correction_id = c.id WHERE l.contact_id = ? ORDER BY c.id`)
    .all(contactId) as CorrectionFacts[];
  return linked.length > 0 || professionalId === null ? linked : inFlight(db, professionalId);
}

export interface TemplateFit {
  corrections: CorrectionFacts[];
  /** When the latest lote carrying them left, if one did. */
  batchSentAt: string | null;
  /** The templates that fit, the main one first; none when no correction is concerned. */
  proposed: MessageTemplate[];
}

export function templatesThatFit(db: Database, contactId: number, professional: { id: number; dipStatus: string | null } | null): TemplateFit {
  const corrections = concerned(db, contactId, professional?.id ?? null);
  const batchSentAt = corrections.map((c) => c.batchSentAt).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const situation = situationOf(corrections);
  const proposed =
    situation === null ? [] : proposeMessage({ event: situation, fields: corrections.filter(isLive).map((c) => c.field), dipStatus: professional?.dipStatus ?? null, batchSentAt });
  return { corrections, batchSentAt, proposed };
}

/**
 * The fields a template's news is about: what Implanta refused for "rejected", what it applied for
 * "synced", and for the others every correction still standing — never one the clerk cancelled,
 * nor a rejection corrected again since (that new correction speaks for the field).
 */
export function fieldsOfNews(template: MessageTemplate, corrections: readonly CorrectionFacts[]): string[] {
  const live = corrections.filter(isLive);
  const told = template === 'rejected' ? live.filter((c) => c.status === 'rejected') : template === 'synced' ? live.filter((c) => c.status === 'synced') : live;
  return [...new Set(told.map((c) => c.field))];
}

/** What each template tells the professional, to say why it does not fit. */
const TEMPLATE_NEWS: Record<MessageTemplate, string> = {
  correction_queued: 'ele diz que uma correção foi registrada e aguarda a sincronização',
  synced: 'ele diz que a Implanta aplicou a correção',
  rejected: 'ele diz que a Implanta recusou a correção',
  dip_do_not_confirm: 'ele pede que não se confirme a solicitação do DIP, em aberto, porque dados de identificação foram corrigidos',
  dip_redo: 'ele diz que o DIP, já enviado para confecção ou emitido, precisará ser refeito porque dados de identificação foram corrigidos',
  first_access_changed: 'ele diz que o nome da mãe (ou “Não consta mãe”) foi corrigido',
};

const quoted = (template: MessageTemplate): string => `“${MESSAGE_TEMPLATES[template]}”`;

/** Refuses to record as sent a message whose news is not what happened to this atendimento's record. */
export function requireTemplateFits(db: Database, contact: { id: number; protocol: string; professionalId: number | null }, template: MessageTemplate): void {
  const dipStatus =
    contact.professionalId === null ? null : ((db.prepare('SELECT dip_status FROM professionals WHERE id = ?').pluck().get(contact.professionalId) as string | undefined) ?? null);
  const { proposed } = templatesThatFit(db, contact.id, contact.professionalId === null ? null : { id: contact.professionalId, dipStatus });
  if (proposed.includes(template)) return;
  const fitting =
    proposed.length === 0
      ? 'Nenhum modelo corresponde agora: o atendimento não levou a nenhuma correção em andamento ou respondida.'
      : `${proposed.length === 1 ? 'O modelo que corresponde agora é' : 'Os modelos que correspondem agora são'} ${proposed.map(quoted).join(', ')}.`;
  throw new AppError(
    'CONTACT_STATE',
    `A mensagem ${quoted(template)} não foi registrada como enviada no atendimento ${contact.protocol}: ${TEMPLATE_NEWS[template]}, e não é o que aconteceu com as correções deste cadastro. ${fitting}`,
    { field: 'template' },
  );
}
