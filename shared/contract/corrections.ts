// Channels of corrections: planning and saving a change of a professional's data, the queue, and
// cancelling or dismissing one.
import { z } from 'zod';
import { FIELD_NAMES } from '../fields';
import { DIP_WARNINGS, REJECTION_RESOLUTIONS } from '../domain';
import {
  correctionSourceSchema,
  correctionStatusSchema,
  dipConsequenceSchema,
  evidenceArrivalSchema,
  fieldValueSchema,
  isoDateSchema,
  madeShape,
  pageInput,
  pageOf,
  statusCountsSchema,
  typedLine,
} from './common';

/** A warning for the professional about the DIP request (shared/rules/dip.ts). */
export const dipWarningSchema = z.enum(DIP_WARNINGS);

export const fieldNameSchema = z.enum(FIELD_NAMES as [string, ...string[]]);

/** The longest document name and note on the document the store keeps. */
export const EVIDENCE_KIND_MAX = 80;
export const EVIDENCE_NOTE_MAX = 200;

export const evidenceSchema = z.object({
  kind: typedLine(EVIDENCE_KIND_MAX, 2),
  arrival: evidenceArrivalSchema,
  date: isoDateSchema,
  note: typedLine(EVIDENCE_NOTE_MAX).nullable().optional(),
});

export const correctionSchema = z.object({
  uuid: z.string(),
  professionalId: z.number().int(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
  evidenceKind: z.string().nullable(),
  evidenceArrival: evidenceArrivalSchema.nullable(),
  evidenceDate: z.string().nullable(),
  evidenceNote: z.string().nullable(),
  ...madeShape,
  status: correctionStatusSchema,
  source: correctionSourceSchema,
  dipConsequence: dipConsequenceSchema,
  statusMessage: z.string().nullable(),
  /** Implanta applied it to the registry but not to the DIP request (already in confecção): false. */
  dipRequestCorrected: z.boolean().nullable(),
  /** A rejection the clerk dealt with: corrected again, or dismissed with a note. */
  resolvedAt: z.string().nullable(),
  resolution: z.enum(REJECTION_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
});
export type Correction = z.infer<typeof correctionSchema>;

/** A queue row: the correction plus who it is about (CPF masked). */
export const correctionListItemSchema = correctionSchema.extend({
  professionalName: z.string(),
  cpfMasked: z.string(),
  registrationNumber: z.string(),
});
export type CorrectionListItem = z.infer<typeof correctionListItemSchema>;

const plannedChangeSchema = z.object({ field: fieldNameSchema, oldValue: fieldValueSchema, newValue: fieldValueSchema });
const violationSchema = z.object({ code: z.string(), field: z.string().optional(), message: z.string() });

export const correctionPlanSchema = z.object({
  changes: z.array(plannedChangeSchema),
  errors: z.array(violationSchema),
  dipConsequence: dipConsequenceSchema,
  dipMessage: z.string().nullable(),
  dipWarning: dipWarningSchema.nullable(),
  dipWarningMessage: z.string().nullable(),
});

const changesSchema = z.record(z.string(), fieldValueSchema);

/** A value Implanta refused for the record before, sent again: said, with Implanta's message, never refused. */
const refusedBeforeSchema = z.array(z.object({ field: z.string(), message: z.string() }));

export const correctionFilterSchema = z
  .object({
    status: correctionStatusSchema.optional(),
    /** Only rejections not yet corrected again nor dismissed. */
    unresolved: z.boolean().optional(),
    field: z.string().max(40).optional(),
    operator: z.string().max(80).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    ...pageInput,
  })
  .strict();
export type CorrectionFilter = z.input<typeof correctionFilterSchema>;

export const correctionsContract = {
  'corrections:preview': {
    input: z.object({ professionalId: z.number().int(), changes: changesSchema }).strict(),
    output: correctionPlanSchema.extend({ refusedBefore: refusedBeforeSchema }),
  },
  'corrections:save': {
    input: z
      .object({
        professionalId: z.number().int(),
        expectedRowVersion: z.number().int(),
        changes: changesSchema,
        reason: typedLine(500),
        evidence: evidenceSchema,
        /** The clerk saw and accepted the DIP consequence (required when there is one). */
        dipAcknowledged: z.boolean().default(false),
        /** The atendimento (not resolved, of this professional) the correction deals with: linked in the same transaction. */
        contactId: z.number().int().min(1).optional(),
      })
      .strict(),
    output: z.object({
      corrections: z.array(correctionSchema),
      rowVersion: z.number().int(),
      /** What to tell the professional about the DIP request, when anything. */
      dipWarningMessage: z.string().nullable(),
      /** Open registry conflicts the save closed: the record now holds the main system's value. */
      conflictsClosed: z.number().int().default(0),
      /** Registry conflicts an earlier correction had closed, open again: the save took the record off the main system's value. */
      conflictsReopened: z.number().int().default(0),
      /** Values of this save Implanta refused for the record before (the review said so). */
      refusedBefore: refusedBeforeSchema.default([]),
    }),
  },
  'corrections:list': { input: correctionFilterSchema, output: pageOf(correctionListItemSchema) },
  'corrections:counts': {
    input: z.object({}).strict(),
    output: statusCountsSchema,
  },
  'corrections:operators': { input: z.object({}).strict(), output: z.array(z.string()) },
  /** Withdraw a correction still on the desk (pending, or in a lote under review); the record goes back. */
  'corrections:cancel': {
    input: z.object({ uuid: z.string().uuid(), reason: typedLine(500) }).strict(),
    /** `withIt`: the other fields of an address saved together, cancelled with it (their labels). */
    output: z.object({ uuid: z.string(), rowVersion: z.number().int(), reverted: z.boolean(), withIt: z.array(z.string()).default([]) }),
  },
  /** Close a rejection without correcting again, with the reason (audited). */
  'corrections:dismissRejection': {
    input: z.object({ uuid: z.string().uuid(), reason: typedLine(500) }).strict(),
    output: z.object({ uuid: z.string(), field: z.string(), label: z.string() }),
  },
} as const;
