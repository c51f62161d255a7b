// Who still has to be told ("a avisar"): for each atendimento not resolved that led to corrections,
// the message its corrections call for now — queued on the desk, applied or rejected by Implanta,
// with the record's DIP status (shared/contacts/messages.ts, proposeMessage) — unless a message of
// that template, or of a later stage, went to the professional since. Read from the corrections and
// the timeline: nothing is stored, so an acknowledgement or a new correction changes it at once.
import type { Database } from 'better-sqlite3';
import { proposeMessage, type MessageSituation, type MessageTemplate } from '../../shared/contacts/messages';
import type { CorrectionStatus } from '../../shared/domain';

type Situation = MessageSituation['event'];

/** A correction as the news it is for the professional. */
interface CorrectionNews {
  status: CorrectionStatus;
  /** A rejection the clerk `corrected` again (or `dismissed`). */
  resolution?: string | null;
  linkedAt: string;
  changedAt: string | null;
}

/** Whether a correction still has news: a cancelled one has none, nor a rejection a newer correction replaced. */
export function isLive(c: { status: CorrectionStatus; resolution?: string | null }): boolean {
  return c.status !== 'cancelled' && !(c.status === 'rejected' && c.resolution === 'corrected');
}

/** What the corrections say happened: the news the professional is waiting for. */
export function situationOf(corrections: readonly { status: CorrectionStatus; resolution?: string | null }[]): Situation | null {
  const live = corrections.filter(isLive);
  if (live.length === 0) return null;
  if (live.some((c) => c.status === 'rejected')) return 'ack_rejected';
  if (live.every((c) => c.status === 'synced')) return 'ack_applied';
  return 'correction_saved';
}

/** Since when the news holds: the last link for a saved correction, Implanta's last answer otherwise. */
function newsSince(situation: Situation, corrections: readonly CorrectionNews[]): string {
  const live = corrections.filter(isLive);
  const times =
    situation === 'correction_saved'
      ? live.map((c) => c.linkedAt)
      : live.filter((c) => (situation === 'ack_rejected' ? c.status === 'rejected' : true)).map((c) => c.changedAt ?? c.linkedAt);
  return times.sort().at(-1) ?? '';
}

/** The order news reaches the professional: a message of a later stage also tells what an earlier one would. */
const STAGE: Record<MessageTemplate, number> = {
  correction_queued: 1,
  dip_do_not_confirm: 1,
  dip_redo: 1,
  first_access_changed: 1,
  synced: 2,
  rejected: 2,
};

function tells(sent: MessageTemplate, proposed: MessageTemplate): boolean {
  return sent === proposed || STAGE[sent] > STAGE[proposed];
}

interface LinkRow extends CorrectionNews {
  contactId: number;
  field: string;
  dipStatus: string | null;
}

interface SentRow {
  contactId: number;
  at: string;
  template: string | null;
}

/**
 * The atendimentos not resolved whose professional still has to be told, with the message to send
 * (the main one proposeMessage puts first); one atendimento when `contactId` is given.
 */
export function toNotify(db: Database, contactId?: number): Map<number, MessageTemplate> {
  const only = contactId === undefined ? '' : 'AND c.id = @contactId';
  const links = db
    .prepare(
      `SELECT l.contact_id AS contactId, l.linked_at AS linkedAt, r.field, r.status, r.resolution, r.status_changed_at AS changedAt, p.dip_status AS dipStatus
       FROM contact_corrections l
       JOIN contacts c ON c.id = l.contact_id
       JOIN corrections r ON r.id = l.correction_id
       LEFT JOIN professionals p ON p.id = r.professional_id
       WHERE c.status <> 'resolved' ${only}
       ORDER BY l.contact_id, r.id`,
    )
    .all({ contactId: contactId ?? null }) as LinkRow[];
  const sent = db
    .prepare(
      `SELECT e.contact_id AS contactId, e.at, json_extract(e.detail, '$.template') AS template
       FROM contact_events e JOIN contacts c ON c.id = e.contact_id
       WHERE c.status <> 'resolved' AND e.kind = 'message_sent' AND json_extract(e.detail, '$.to') = 'professional' ${only}`,
    )
    .all({ contactId: contactId ?? null }) as SentRow[];
  const byContact = new Map<number, LinkRow[]>();
  for (const link of links) byContact.set(link.contactId, [...(byContact.get(link.contactId) ?? []), link]);
  const result = new Map<number, MessageTemplate>();
  for (const [id, corrections] of byContact) {
    const situation = situationOf(corrections);
    if (situation === null) continue;
    const live = corrections.filter(isLive);
    const [proposed] = proposeMessage({ event: situation, fields: live.map((c) => c.field), dipStatus: live[0]?.dipStatus ?? null, batchSentAt: null });
    if (proposed === undefined) continue;
    const since = newsSince(situation, corrections);
    const told = sent.some((m) => m.contactId === id && m.at >= since && m.template !== null && m.template in STAGE && tells(m.template as MessageTemplate, proposed));
    if (!told) result.set(id, proposed);
  }
  return result;
}
