// Channels of the atendimentos: the problems a professional brings to the council (by e-mail,
// phone, in person or by post) that the council forwards to Implanta and follows until resolved.
import { z } from 'zod';
import { codesOf } from '../codes';
import { MESSAGE_TEMPLATE_IDS } from '../contacts/messages';
import { entryShape, filePathSchema, pageInput, pageOf, timestampsShape, typedLine, typedText } from './common';

/** How the professional reached the council. */
export const CONTACT_CHANNEL_LABELS = { email: 'E-mail', phone: 'Telefone', in_person: 'Pessoalmente', post: 'Correios' };
export const CONTACT_CHANNELS = codesOf(CONTACT_CHANNEL_LABELS);
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** The notice's case (A–G) the problem belongs to, or none of them. */
export const CONTACT_CASES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'other'] as const;
export type ContactCase = (typeof CONTACT_CASES)[number];

/** open → forwarded (to Implanta) → waiting_professional → resolved. */
export const CONTACT_STATUS_LABELS = { open: 'Aberto', forwarded: 'Encaminhado à Implanta', waiting_professional: 'Aguardando profissional', resolved: 'Resolvido' };
export const CONTACT_STATUSES = codesOf(CONTACT_STATUS_LABELS);
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** What the timeline of an atendimento records. */
export const CONTACT_EVENT_KINDS = [
  'created',
  'located',
  'identity_checked',
  'attached',
  'forwarded',
  'waiting_professional',
  'reopened',
  'answered',
  'message_sent',
  'correction_linked',
  'resolved',
] as const;
export type ContactEventKind = (typeof CONTACT_EVENT_KINDS)[number];

/**
 * What the timeline shows besides its stored events: a linked correction entering a lote, the lote
 * leaving for Implanta, and Implanta's answer to the correction, read from the corrections and lotes.
 */
export const TIMELINE_KINDS = [...CONTACT_EVENT_KINDS, 'correction_batched', 'batch_sent', 'correction_synced', 'correction_rejected'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Attachments: what the store accepts, detected by the file's content, never by its name. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPE_WORDS: Record<AttachmentType, string> = {
  'image/png': 'imagem PNG',
  'image/jpeg': 'imagem JPEG',
  'application/pdf': 'PDF',
};

/** `AT-2026-000001`: per year, in the order atendimentos were opened. */
export const PROTOCOL_PATTERN = /^AT-\d{4}-\d{6}$/;

export const contactStatusSchema = z.enum(CONTACT_STATUSES);
export const contactChannelSchema = z.enum(CONTACT_CHANNELS);
export const contactCaseSchema = z.enum(CONTACT_CASES);

/** The professional of an atendimento: the located record, or what she/he told (CPF, name) until it is found. */
export const contactPersonSchema = z.object({
  professionalId: z.number().int().nullable(),
  registrationNumber: z.string().nullable(),
  name: z.string().nullable(),
  /** Masked (`***.456.789-**`) in lists; whole in `contacts:get`. */
  cpf: z.string().nullable(),
});

export const contactSummarySchema = z.object({
  id: z.number().int(),
  protocol: z.string(),
  status: contactStatusSchema,
  channel: contactChannelSchema,
  case: contactCaseSchema,
  /** What the professional was trying to do, and what happened. */
  summary: z.string(),
  person: contactPersonSchema,
  ...timestampsShape,
  operator: z.string(),
  forwardedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** Forwarded, and Implanta has not answered within the desk's overdue days. */
  overdue: z.boolean(),
  attachments: z.number().int(),
  /**
   * "A avisar": the message the professional still has to receive about the corrections this
   * atendimento led to (queued, applied or rejected by Implanta), or null when she/he was told.
   */
  toNotify: z.enum(MESSAGE_TEMPLATE_IDS).nullable(),
});
export type ContactSummary = z.infer<typeof contactSummarySchema>;

export const contactEventSchema = z.object({
  /** `id` is negative for what the timeline reads from the corrections and lotes (never stored as events). */
  ...entryShape,
  kind: z.enum(TIMELINE_KINDS),
  /** What the timeline reads, in Portuguese (never a typed CPF or mother's name). */
  label: z.string(),
  /** Implanta's answer, the resolution, a message's subject: the text the clerk wrote or pasted. */
  text: z.string().nullable(),
});
export type ContactEvent = z.infer<typeof contactEventSchema>;

export const contactAttachmentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  type: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  operator: z.string(),
});
export type ContactAttachment = z.infer<typeof contactAttachmentSchema>;

export const linkedCorrectionSchema = z.object({
  uuid: z.string(),
  field: z.string(),
  status: z.string(),
  createdAt: z.string(),
  linkedAt: z.string(),
});
export type LinkedCorrection = z.infer<typeof linkedCorrectionSchema>;

export const contactSchema = contactSummarySchema.extend({
  notes: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  events: z.array(contactEventSchema),
  attachmentList: z.array(contactAttachmentSchema),
  corrections: z.array(linkedCorrectionSchema),
});
export type Contact = z.infer<typeof contactSchema>;

/** An atendimento by its id or its protocol (`AT-2026-000001`). */
const contactRef = z.union([z.number().int().min(1), z.string().trim().regex(PROTOCOL_PATTERN)]);


/** A file written where the clerk chose: its path, size and SHA-256. */
const savedFileShape = { path: z.string(), size: z.number().int(), sha256: z.string() };

export const identityCheckSchema = z.object({
  cpfMatches: z.boolean(),
  motherMatches: z.boolean(),
  /** Both items match. */
  confirmed: z.boolean(),
});
export type IdentityCheck = z.infer<typeof identityCheckSchema>;

/** The longest texts an atendimento keeps (the forms say so before sending; see renderer/lib/textLimit.ts). */
export const CONTACT_TEXT_MAX = { name: 200, summary: 4000, notes: 8000, answer: 8000, resolution: 4000, toldMotherName: 200 } as const;

export const contactsContract = {
  /**
   * A new atendimento: the located record (`professionalId`), or the CPF and name as told while
   * the record is not found. Attachments follow with `contacts:attach`.
   */
  'contacts:add': {
    input: z
      .object({
        professionalId: z.number().int().min(1).nullable().default(null),
        cpf: z.string().max(20).nullable().default(null),
        name: typedLine(CONTACT_TEXT_MAX.name).nullable().default(null),
        channel: contactChannelSchema,
        case: contactCaseSchema,
        summary: typedText(CONTACT_TEXT_MAX.summary),
        notes: typedText(CONTACT_TEXT_MAX.notes).nullable().default(null),
        /** The files she/he sent: all checked before anything is written, stored with the atendimento. */
        attachments: z
          .array(z.object({ path: filePathSchema, fileName: z.string().max(255).optional() }).strict())
          .max(20)
          .default([]),
      })
      .strict(),
    output: contactSchema,
  },
  'contacts:list': {
    input: z
      .object({
        status: contactStatusSchema.optional(),
        overdue: z.boolean().optional(),
        /** Only those whose professional still has to be told about the corrections ("a avisar"). */
        toNotify: z.boolean().optional(),
        professionalId: z.number().int().min(1).optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(contactSummarySchema),
  },
  'contacts:get': { input: z.object({ id: contactRef }).strict(), output: contactSchema },
  /** How many atendimentos are in each state, how many are overdue, and how many professionals are "a avisar" (the dashboard). */
  'contacts:counts': {
    input: z.object({}).strict(),
    output: z.object({ byStatus: z.record(contactStatusSchema, z.number().int()), overdue: z.number().int(), toNotify: z.number().int() }),
  },
  /** Links the atendimento to the record once it is found. */
  'contacts:locate': { input: z.object({ id: contactRef, professionalId: z.number().int().min(1) }).strict(), output: contactSchema },
  /**
   * The caller's CPF and mother's name (or "Não consta mãe") compared with the record; answers
   * only whether each matches, never what the record holds, and keeps nothing of what was typed.
   */
  'contacts:checkIdentity': {
    input: z
      .object({
        id: contactRef,
        cpf: z.string().max(20),
        motherName: z.string().max(CONTACT_TEXT_MAX.toldMotherName).nullable().default(null),
        motherNotListed: z.boolean().default(false),
      })
      .strict(),
    output: identityCheckSchema,
  },
  /**
   * One file for the atendimento: PNG, JPEG or PDF by its content, 10 MB at most. `path`: a read
   * handle (app, browser preview) or a path (command line), see ./files.ts; `fileName` is set from
   * the name the clerk saw in the dialog.
   */
  'contacts:attach': {
    input: z.object({ id: contactRef, path: filePathSchema, fileName: z.string().max(255).optional() }).strict(),
    output: contactAttachmentSchema,
  },
  'contacts:setStatus': {
    input: z.object({ id: contactRef, status: z.enum(['open', 'forwarded', 'waiting_professional']) }).strict(),
    output: contactSchema,
  },
  /** Implanta's answer, as the clerk pastes it. */
  'contacts:answer': { input: z.object({ id: contactRef, text: typedText(CONTACT_TEXT_MAX.answer) }).strict(), output: contactSchema },
  /** Resolved: what was done is required. */
  'contacts:close': { input: z.object({ id: contactRef, resolution: typedText(CONTACT_TEXT_MAX.resolution) }).strict(), output: contactSchema },
  'contacts:linkCorrection': { input: z.object({ id: contactRef, correctionUuid: z.string().trim().min(1).max(64) }).strict(), output: contactSchema },
  /** A message about the atendimento went out (the clerk sent the e-mail, or read the script on the phone): on the timeline. */
  'contacts:messageSent': {
    input: z
      .object({
        id: contactRef,
        to: z.enum(['implanta', 'professional']),
        subject: z.string().max(300),
        /** The template the message to the professional came from: she/he is no longer "a avisar" for it. */
        template: z.enum(MESSAGE_TEMPLATE_IDS).optional(),
      })
      .strict(),
    output: contactSchema,
  },
  /**
   * The atendimento as an e-mail to Implanta's support address (Configurações): an `.eml` draft the
   * mail program opens, with the CPF, the name, the mother's name as the notice asks, the action,
   * the desk's diagnosis (the record's pendências, its corrections in flight and their lote) and
   * every attachment. Written where the clerk chose (a save handle, or a path from the command line),
   * never over another file unless replacing was confirmed; an open atendimento becomes "encaminhado".
   */
  'contacts:forward': {
    input: z.object({ id: contactRef, path: filePathSchema, replace: z.boolean().optional() }).strict(),
    output: z.object({ ...savedFileShape, subject: z.string(), contact: contactSchema }),
  },
  /**
   * A message to the professional from one of the council's templates: the text (and the script to
   * read on the phone) always; with `path`, also an `.eml` draft to her/his registered e-mail.
   * `proposed`: the templates that fit what happened to the record, best first.
   */
  'contacts:message': {
    input: z
      .object({ id: contactRef, template: z.enum(MESSAGE_TEMPLATE_IDS), path: filePathSchema.nullable().default(null), replace: z.boolean().optional() })
      .strict(),
    output: z.object({
      subject: z.string(),
      text: z.string(),
      phoneScript: z.string(),
      /** The registered e-mail the draft is addressed to; null when the record has none (then no `.eml`). */
      to: z.string().nullable(),
      path: z.string().nullable(),
      proposed: z.array(z.enum(MESSAGE_TEMPLATE_IDS)),
    }),
  },
  /**
   * Saves an attachment's bytes where the clerk chose (a save handle, or a path from the command
   * line): never over another file unless replacing it was confirmed.
   */
  'contacts:attachment': {
    input: z.object({ attachmentId: z.number().int().min(1), path: filePathSchema, replace: z.boolean().optional() }).strict(),
    output: z.object(savedFileShape),
  },
} as const;
