// Reading atendimentos: one with its timeline, attachments (without their bytes) and corrections;
// the paged list with its filters; and which ones are overdue by the desk's clock.
import type { Database } from 'better-sqlite3';
import type { ParsedInput } from '../../shared/contract';
import type { MessageTemplate } from '../../shared/contacts/messages';
import {
  ATTACHMENT_TYPE_WORDS,
  CONTACT_CHANNEL_LABELS,
  CONTACT_STATUS_LABELS,
  CONTACT_STATUSES,
  PROTOCOL_PATTERN,
  type AttachmentType,
  type Contact,
  type ContactAttachment,
  type ContactEvent,
  type ContactStatus,
  type ContactSummary,
  type LinkedCorrection,
} from '../../shared/contract/contacts';
import { formatFileSize } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { fieldLabel } from '../../shared/fields';
import { maskCpf } from '../../shared/rules/cpf';
import type { contactEvents, contacts } from '../schema';
import type { SqlRow } from '../sqlRow';
import { getContactSettings } from '../settings';
import { whereAll } from '../statements';
import { toNotify } from './notify';
import { derivedEventsOf } from './timeline';

type ContactRow = SqlRow<typeof contacts>;
type EventRow = SqlRow<typeof contactEvents>;

/** A contacts row with its professional's identity and how many files it holds. */
type ListedRow = ContactRow & { registration_number: string | null; p_name: string | null; p_cpf: string | null; attachments: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Forwarded at or before this moment, and unanswered since: overdue. */
export function overdueCutoff(db: Database, now: Date): string {
  return new Date(now.getTime() - getContactSettings(db).overdueDays * DAY_MS).toISOString();
}

const OVERDUE_SQL = "c.status = 'forwarded' AND c.forwarded_at <= @cutoff AND (c.answered_at IS NULL OR c.answered_at < c.forwarded_at)";

const SELECT_LISTED = `SELECT c.*, p.registration_number, p.name AS p_name, p.cpf AS p_cpf,
  (SELECT count(*) FROM contact_attachments a WHERE a.contact_id = c.id) AS attachments
  FROM contacts c LEFT JOIN professionals p ON p.id = c.professional_id`;

function isOverdue(row: ContactRow, cutoff: string): boolean {
  return row.status === 'forwarded' && row.forwarded_at !== null && row.forwarded_at <= cutoff && (row.answered_at === null || row.answered_at < row.forwarded_at);
}

function toSummary(row: ListedRow, cutoff: string, masked: boolean, notify: ReadonlyMap<number, MessageTemplate>): ContactSummary {
  const cpf = row.p_cpf ?? row.told_cpf;
  return {
    id: row.id,
    protocol: row.protocol,
    status: row.status,
    channel: row.channel,
    case: row.case,
    summary: row.summary,
    person: {
      professionalId: row.professional_id,
      registrationNumber: row.registration_number,
      name: row.p_name ?? row.told_name,
      cpf: cpf === null ? null : masked ? maskCpf(cpf) : cpf,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    operator: row.operator,
    forwardedAt: row.forwarded_at,
    answeredAt: row.answered_at,
    overdue: isOverdue(row, cutoff),
    attachments: row.attachments,
    toNotify: notify.get(row.id) ?? null,
  };
}

/** The atendimento's id from its id or protocol, or CONTACT_NOT_FOUND. */
export function contactIdOf(db: Database, ref: number | string): number {
  const byProtocol = typeof ref === 'string' && PROTOCOL_PATTERN.test(ref.trim());
  const row = db.prepare(`SELECT id FROM contacts WHERE ${byProtocol ? 'protocol' : 'id'} = ?`).get(byProtocol ? ref.trim() : Number(ref)) as { id: number } | undefined;
  if (!row) throw new AppError('CONTACT_NOT_FOUND', `Atendimento ${String(ref)} não encontrado: confira o protocolo (exemplo: AT-2026-000001).`);
  return row.id;
}

export function contactRow(db: Database, id: number): ContactRow {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  if (!row) throw new AppError('CONTACT_NOT_FOUND', `Atendimento ${id} não encontrado.`);
  return row;
}

function detailOf(row: EventRow): Record<string, unknown> {
  try {
    return JSON.parse(row.detail) as Record<string, unknown>;
  } catch {
    return {};
  }
}


/** How the timeline reads an event (Portuguese, never a typed CPF or mother's name). */
function eventLabel(row: EventRow): string {
  const d = detailOf(row);
  switch (row.kind) {
    case 'created':
      return `Atendimento aberto (${CONTACT_CHANNEL_LABELS[d.channel as keyof typeof CONTACT_CHANNEL_LABELS] ?? 'canal não informado'})`;
    case 'located':
      return `Cadastro localizado: registro ${String(d.registrationNumber ?? '')}`.trim();
    case 'identity_checked': {
      if (d.cpfMatches === true && d.motherMatches === true) return 'Identidade conferida: confere';
      const failed = [d.cpfMatches === true ? null : 'CPF', d.motherMatches === true ? null : 'nome da mãe'].filter(Boolean);
      return `Identidade conferida: não confere (${failed.join(' e ')})`;
    }
    case 'attached':
      return `Anexo recebido: ${ATTACHMENT_TYPE_WORDS[d.type as AttachmentType] ?? 'arquivo'}, ${formatFileSize(Number(d.size ?? 0))}`;
    case 'forwarded':
      return CONTACT_STATUS_LABELS.forwarded;
    case 'waiting_professional':
      return CONTACT_STATUS_LABELS.waiting_professional;
    case 'reopened':
      return 'Reaberto';
    case 'answered':
      return 'Implanta respondeu';
    case 'message_sent':
      // To Implanta the desk writes an e-mail (.eml) the clerk sends from her mail program: prepared, not sent.
      return d.to === 'professional' ? 'Mensagem enviada à/ao profissional' : 'E-mail para a Implanta preparado (arquivo .eml, enviado pelo programa de e-mail)';
    case 'correction_linked':
      return `Correção vinculada: ${typeof d.field === 'string' ? fieldLabel(d.field) : 'campo'}`;
    case 'resolved':
      return CONTACT_STATUS_LABELS.resolved;
  }
}

/** The stored events and what the linked corrections went through since (lote, sending, Implanta's answer), oldest first. */
function eventsOf(db: Database, id: number): ContactEvent[] {
  const rows = db.prepare('SELECT * FROM contact_events WHERE contact_id = ? ORDER BY id').all(id) as EventRow[];
  const stored: ContactEvent[] = rows.map((row) => ({ id: row.id, at: row.at, operator: row.operator, kind: row.kind, label: eventLabel(row), text: row.text }));
  const derived = derivedEventsOf(db, id);
  if (derived.length === 0) return stored;
  // A stable merge by time: what happened at the same moment keeps the stored events first.
  return [...stored, ...derived].map((event, order) => ({ event, order })).sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.order - b.order)).map((x) => x.event);
}

export function attachmentsOf(db: Database, id: number): ContactAttachment[] {
  return db
    .prepare(
      `SELECT id, file_name AS fileName, type, size, sha256, created_at AS createdAt, operator
       FROM contact_attachments WHERE contact_id = ? ORDER BY id`,
    )
    .all(id) as ContactAttachment[];
}

function correctionsOf(db: Database, id: number): LinkedCorrection[] {
  return db
    .prepare(
      `SELECT r.uuid, r.field, r.status, r.created_at AS createdAt, l.linked_at AS linkedAt
       FROM contact_corrections l JOIN corrections r ON r.id = l.correction_id WHERE l.contact_id = ? ORDER BY l.linked_at, r.id`,
    )
    .all(id) as LinkedCorrection[];
}

/** One atendimento, opened: the CPF whole, the timeline, the files' metadata and the linked corrections. */
export function getContact(db: Database, id: number, now: Date): Contact {
  const row = db.prepare(`${SELECT_LISTED} WHERE c.id = ?`).get(id) as ListedRow | undefined;
  if (!row) throw new AppError('CONTACT_NOT_FOUND', `Atendimento ${id} não encontrado.`);
  return {
    ...toSummary(row, overdueCutoff(db, now), false, toNotify(db, id)),
    notes: row.notes,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    events: eventsOf(db, id),
    attachmentList: attachmentsOf(db, id),
    corrections: correctionsOf(db, id),
  };
}

/** Newest first; CPFs masked. */
export function listContacts(db: Database, input: ParsedInput<'contacts:list'>, now: Date): { total: number; page: number; pageSize: number; items: ContactSummary[] } {
  const cutoff = overdueCutoff(db, now);
  const where: string[] = [];
  if (input.status !== undefined) where.push('c.status = @status');
  if (input.overdue === true) where.push(OVERDUE_SQL);
  if (input.professionalId !== undefined) where.push('c.professional_id = @professionalId');
  const notify = toNotify(db);
  if (input.toNotify === true) where.push('c.id IN (SELECT value FROM json_each(@notifyIds))');
  const clause = whereAll(where);
  const params = { status: input.status ?? null, professionalId: input.professionalId ?? null, cutoff, notifyIds: JSON.stringify([...notify.keys()]) };
  const total = db.prepare(`SELECT count(*) FROM contacts c ${clause}`).pluck().get(params) as number;
  const rows = db
    .prepare(`${SELECT_LISTED} ${clause} ORDER BY c.created_at DESC, c.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.pageSize, offset: input.page * input.pageSize }) as ListedRow[];
  return { total, page: input.page, pageSize: input.pageSize, items: rows.map((r) => toSummary(r, cutoff, true, notify)) };
}

/** How many atendimentos are in each state, how many are overdue now, and how many are "a avisar" (the dashboard). */
export function countContacts(db: Database, now: Date): { byStatus: Record<ContactStatus, number>; overdue: number; toNotify: number } {
  const byStatus = Object.fromEntries(CONTACT_STATUSES.map((s) => [s, 0])) as Record<ContactStatus, number>;
  for (const row of db.prepare('SELECT status, count(*) AS n FROM contacts GROUP BY status').all() as { status: ContactStatus; n: number }[]) byStatus[row.status] = row.n;
  const overdue = db.prepare(`SELECT count(*) FROM contacts c WHERE ${OVERDUE_SQL}`).pluck().get({ cutoff: overdueCutoff(db, now) }) as number;
  return { byStatus, overdue, toNotify: toNotify(db).size };
}
