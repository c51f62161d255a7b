// Atendimentos: a professional's problem the council forwards to Implanta, its timeline, the files
// that came with it (kept in the store so backups carry them), and the corrections it led to. The
// corrections table itself is never altered: a link table points at its rows.
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, CONTACT_CASES, CONTACT_CHANNELS, CONTACT_EVENT_KINDS, CONTACT_STATUSES } from '../../shared/contract/contacts';
import { inVocabulary } from './checks';
import { made, madeAndUpdated, rowId, rowOf, singleRow, timelineEntry, updatedAt, wordOf } from './columns';
import { corrections } from './corrections';
import { professionals } from './registry';

export const contacts = sqliteTable(
  'contacts',
  {
    id: rowId(),
    /** `AT-2026-000001`. */
    protocol: text('protocol').notNull().unique(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** The located record; null while it is not found. */
    professionalId: integer('professional_id').references(() => professionals.id),
    /** The CPF (digits) and name as told, for an atendimento whose record is not found yet. */
    toldCpf: text('told_cpf'),
    toldName: text('told_name'),
    channel: wordOf('channel', CONTACT_CHANNELS).notNull(),
    case: wordOf('case', CONTACT_CASES).notNull(),
    summary: text('summary').notNull(),
    notes: text('notes'),
    status: wordOf('status', CONTACT_STATUSES).notNull().default('open'),
    ...madeAndUpdated(),
    /** The last time it was forwarded to Implanta, and the last answer Implanta gave. */
    forwardedAt: text('forwarded_at'),
    answeredAt: text('answered_at'),
    resolution: text('resolution'),
    resolvedAt: text('resolved_at'),
  },
  (t) => [
    uniqueIndex('contacts_year_seq_idx').on(t.year, t.seq),
    index('contacts_status_idx').on(t.status, t.forwardedAt),
    index('contacts_professional_idx').on(t.professionalId),
    index('contacts_created_at_idx').on(t.createdAt),
    inVocabulary('contacts', 'status', CONTACT_STATUSES),
    inVocabulary('contacts', 'channel', CONTACT_CHANNELS),
    inVocabulary('contacts', '"case"', CONTACT_CASES),
    check('contacts_resolution', sql.raw("status <> 'resolved' OR (resolution IS NOT NULL AND length(trim(resolution)) > 0)")),
  ],
);

/** The atendimento a row belongs to. */
function contactRef() {
  return rowOf('contact_id', () => contacts.id);
}

/** The timeline: what happened, when and by whom. Never a typed CPF or mother's name. */
export const contactEvents = sqliteTable(
  'contact_events',
  {
    id: rowId(),
    contactId: contactRef(),
    ...timelineEntry(CONTACT_EVENT_KINDS),
    /** Implanta's answer, the resolution, a message's subject. */
    text: text('text'),
    /** JSON: the event's facts (the identity check's yes/no per item, a correction's id, a new status). */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('contact_events_contact_idx').on(t.contactId, t.id), inVocabulary('contact_events', 'kind', CONTACT_EVENT_KINDS)],
);

/** Files the professional sent (a screenshot, a document): the bytes themselves, so a backup carries them. */
export const contactAttachments = sqliteTable(
  'contact_attachments',
  {
    id: rowId(),
    contactId: contactRef(),
    /** The name the file had: shown to the clerk, never written to the audit trail or the log. */
    fileName: text('file_name').notNull(),
    /** Detected from the bytes. */
    type: wordOf('type', ATTACHMENT_TYPES).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    ...made(),
  },
  (t) => [
    index('contact_attachments_contact_idx').on(t.contactId),
    inVocabulary('contact_attachments', 'type', ATTACHMENT_TYPES),
    check('contact_attachments_size', sql.raw(`size = length(bytes) AND size <= ${ATTACHMENT_MAX_BYTES}`)),
  ],
);

/** Corrections an atendimento led to. */
export const contactCorrections = sqliteTable(
  'contact_corrections',
  {
    contactId: contactRef(),
    correctionId: rowOf('correction_id', () => corrections.id),
    linkedAt: text('linked_at').notNull(),
    operator: text('operator').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.correctionId] }), index('contact_corrections_correction_idx').on(t.correctionId)],
);

/** The atendimentos' settings: one row (absent: no address yet, 3 days). */
export const contactSettings = sqliteTable(
  'contact_settings',
  {
    id: rowId(),
    implantaEmail: text('implanta_email'),
    overdueDays: integer('overdue_days').notNull().default(3),
    updatedAt: updatedAt(),
  },
  () => [singleRow('contact_settings'), check('contact_settings_overdue_days', sql.raw('overdue_days BETWEEN 1 AND 60'))],
);
