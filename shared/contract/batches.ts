// Batches (lotes) for Implanta: create, review, seal, export, mark sent, acknowledge; and what the
// dashboard shows of them. Exports, acknowledgements and package checks run as jobs.
import { z } from 'zod';
import { BATCH_STATES, CORRECTION_STATUSES } from '../domain';
import {
  correctionStatusSchema,
  dipConsequenceSchema,
  empty,
  fileProblemSchema,
  filePathSchema,
  madeShape,
  pageInput,
  pageOf,
  passphraseSchema,
  sha256Schema,
  statusCountsSchema,
} from './common';
import { signatureCheckSchema } from './audit';
import { jobStartedSchema } from './jobs';

export const batchStateSchema = z.enum(BATCH_STATES);
export const BATCH_ITEM_KINDS = ['correction', 'cep'] as const;
export const batchItemKindSchema = z.enum(BATCH_ITEM_KINDS);
export type BatchItemKind = (typeof BATCH_ITEM_KINDS)[number];

/**
 * A record whose corrections wait for a later lote: its CPF is the one Implanta still knows another
 * record by (db/batches/heldBack.ts).
 */
export const heldBackSchema = z.object({
  professionalId: z.number().int(),
  registrationNumber: z.string(),
  name: z.string(),
  /** Its corrections that wait (pending). */
  corrections: z.number().int(),
  /** The other record Implanta still knows by this CPF. */
  knownByRegistrationNumber: z.string(),
  /** Why, and until when (pt-BR). */
  message: z.string(),
});
export type HeldBack = z.infer<typeof heldBackSchema>;

export const batchSummarySchema = z.object({
  id: z.number().int(),
  /** The package's External-Identifier. */
  uuid: z.string(),
  /** `2026-0001`. */
  number: z.string(),
  region: z.number().int(),
  state: batchStateSchema,
  ...madeShape,
  sealedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  overdueHours: z.number().int(),
  /** Package Schema-Version the batch is exported with (1: sealed before the mother fact was one item). */
  schemaVersion: z.number().int(),
  /** When an answer is due (sent + overdue hours); null until sent. */
  dueAt: z.string().nullable(),
  /** Sent, past due, and no acknowledgement imported yet. */
  overdue: z.boolean(),
  counts: z.object({
    corrections: z.number().int(),
    cepChanges: z.number().int(),
    /** Professionals whose DIP request Implanta must also correct. */
    dipRequests: z.number().int(),
    /** Corrections and CEP changes together, per status. */
    statuses: statusCountsSchema,
    /** Sent and not answered yet. */
    unanswered: z.number().int(),
    /** Rejected and not dealt with yet (no new correction saved, not dismissed): what is left to fix. */
    unresolvedRejections: z.number().int(),
  }),
  /** `CRESS09-lote-2026-0001.zip`. */
  fileName: z.string(),
  packageSha256: z.string().nullable(),
  encryptedSha256: z.string().nullable(),
  /**
   * Not sent yet and made after a restore undid a lote that had been sent (docs/backups.md): that
   * lote, whose corrections this one may carry again. Absent otherwise.
   */
  undoneBefore: z.array(z.object({ number: z.string(), sentAt: z.string().nullable(), restoredAt: z.string() })).optional(),
  /**
   * Records whose corrections stay out of the lote: while it is open, those pending or in it (taken
   * out at sealing); in what sealing answers, those it left out. Absent when none, and otherwise.
   */
  heldBack: z.array(heldBackSchema).optional(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/** One line of the review: how many items of a kind (and field) the batch holds, per status. */
export const batchGroupSchema = z.object({
  kind: z.enum(['correction', 'cep', 'dip']),
  /** Catalogue field of corrections; null for CEP changes and DIP requests. */
  field: z.string().nullable(),
  count: z.number().int(),
  statuses: statusCountsSchema,
});
export type BatchGroup = z.infer<typeof batchGroupSchema>;

export const batchItemSchema = z.object({
  kind: batchItemKindSchema,
  uuid: z.string(),
  /** Catalogue field, or `cep` for a CEP directory change. */
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  professionalId: z.number().int().nullable(),
  professionalName: z.string().nullable(),
  cpfMasked: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  /** The CEP a directory change is about. */
  cep: z.string().nullable(),
  reason: z.string(),
  ...madeShape,
  status: correctionStatusSchema,
  statusMessage: z.string().nullable(),
  /** A rejection the clerk dealt with (corrected again or dismissed): when; null while it is still to deal with. */
  rejectionResolvedAt: z.string().nullable(),
  dipConsequence: dipConsequenceSchema,
});
export type BatchItem = z.infer<typeof batchItemSchema>;

export const pendingForBatchSchema = z.object({
  corrections: z.number().int(),
  cepChanges: z.number().int(),
  dipRequests: z.number().int(),
  byField: z.array(z.object({ field: z.string(), count: z.number().int() })),
  /** The batch being reviewed, if any: new items wait for the next one. */
  openBatch: z.object({ id: z.number().int(), number: z.string() }).nullable(),
});
export type PendingForBatch = z.infer<typeof pendingForBatchSchema>;

export const exportResultSchema = z.object({
  batch: batchSummarySchema,
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  encrypted: z.boolean(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** An older correction answered as applied after a newer one of its field (db/batches/ackOrder.ts). */
export const outOfOrderSchema = z.object({
  registrationNumber: z.string(),
  name: z.string(),
  field: z.string(),
  fieldLabel: z.string(),
  /** The older correction's value as people read it: Implanta says it applied it last. */
  appliedValue: z.string(),
  /** The newer correction's value as people read it, applied before; the desk keeps it. */
  newerValue: z.string(),
  newerBatchNumber: z.string(),
});
export type OutOfOrder = z.infer<typeof outOfOrderSchema>;

/** A later correction of a field, in a sealed lote, whose old value Implanta just rejected (db/batches/ackSealedOnRejected.ts). */
export const sealedOnRejectedSchema = z.object({
  registrationNumber: z.string(),
  name: z.string(),
  field: z.string(),
  fieldLabel: z.string(),
  /** The old value the sealed lote carries, as people read it: the value Implanta just refused. */
  carriedOldValue: z.string(),
  /** The sealed correction's new value, as people read it. */
  newValue: z.string(),
  /** What Implanta holds instead (the rejected correction's old value), as people read it. */
  implantaValue: z.string(),
  batchNumber: z.string(),
});
export type SealedOnRejected = z.infer<typeof sealedOnRejectedSchema>;

/** An address saved in one correction that Implanta applied in part (db/batches/ackAddress.ts). */
export const mixedAddressSchema = z.object({
  registrationNumber: z.string(),
  name: z.string(),
  /** Labels of the address fields applied, and of those rejected, in the order they were saved. */
  applied: z.array(z.string()),
  rejected: z.array(z.string()),
  /** What the record's history says, for the clerk. */
  message: z.string(),
});
export type MixedAddress = z.infer<typeof mixedAddressSchema>;

export const ackResultSchema = z.object({
  batch: batchSummarySchema,
  /** Items this file moved to synced / rejected. */
  applied: z.number().int(),
  rejected: z.number().int(),
  /** Items the file answers as they already were (the same file imported again). */
  unchanged: z.number().int(),
  /** Items of the batch still waiting for an answer. */
  unanswered: z.number().int(),
  /** Of `applied`: applied to the registry, but Implanta did not correct the DIP request. */
  registryOnly: z.number().int(),
  /** Professionals whose DIP status changed with this file. */
  dipUpdated: z.number().int(),
  /** DIP statuses in the file older than what the desk already knew (left as they were). */
  dipStale: z.number().int(),
  /** Corrections this file answers as applied after a newer lote's correction of the same field was applied: Implanta may hold the older value. */
  outOfOrder: z.array(outOfOrderSchema),
  /** Addresses saved together that, with this file, Implanta applied in part: the record holds a mixed address. */
  mixedAddresses: z.array(mixedAddressSchema),
  /** Later corrections, in sealed lotes, that carry as old value a value this file rejected. */
  sealedOnRejected: z.array(sealedOnRejectedSchema),
  /** Rejections answered again with another reason (where in the file): the first answer stands, its reason kept. */
  otherMessages: z.array(z.object({ line: z.number().int(), sheet: z.string().optional(), kept: z.string().nullable(), file: z.string() })).default([]),
  /**
   * A workbook answer's sheets: those read, those passed over without the answer's columns (a cover),
   * and the hidden ones with them, not read; null for a CSV or a JSON.
   */
  sheets: z.object({ read: z.array(z.string()), withoutAnswers: z.array(z.string()), hiddenWithAnswers: z.array(z.string()) }).nullable().default(null),
  /** Rows hidden in the sheets read (a filter, or by hand) whose answers were applied like the others: by sheet, how many and the first few. */
  hiddenRows: z.array(z.object({ sheet: z.string(), count: z.number().int(), first: z.array(z.number().int()) })).default([]),
  /**
   * After a spreadsheet answer, the lote's CEP changes still unanswered (their CEP): the package's
   * corrections.csv, which Implanta's staff fill in, does not list them (they are in data/cep.jsonl).
   */
  unansweredCeps: z.array(z.string()).default([]),
  fileSha256: z.string(),
  format: z.enum(['json', 'csv', 'xlsx']),
  /**
   * A spreadsheet answer (it names no lote) taken as this lote's, which was made after a restore undid
   * these lotes: the answer may be Implanta's answer to one of them, whose corrections this lote carries again.
   */
  mayAnswerUndone: z.array(z.object({ number: z.string(), sentAt: z.string().nullable(), restoredAt: z.string() })).optional(),
});
export type AckResult = z.infer<typeof ackResultSchema>;

export const packageProblemSchema = fileProblemSchema;

export const verifyResultSchema = z.object({
  file: z.string(),
  valid: z.boolean(),
  problems: z.array(packageProblemSchema),
  encrypted: z.boolean(),
  batch: z.object({ id: z.string(), number: z.string(), sourceOrganization: z.string() }).nullable(),
  /** The Schema-Version the package declares, when this desk knows it (its lines were checked with that version's schemas). */
  schemaVersion: z.number().int().nullable(),
  sha256: z.string(),
  /** The desk's signature of the package (absent for lotes sealed before signatures, and from older versions' answers). */
  signature: signatureCheckSchema.optional(),
  /** What the clerk must know although the package is sound: its lote was undone here by a restore (`BATCH_UNDONE`). */
  warnings: z.array(packageProblemSchema).optional(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const dipEmailSchema = z.object({
  /** Professionals in the draft. */
  count: z.number().int(),
  subject: z.string(),
  body: z.string(),
  /** A `mailto:` link, or null when the text is too long for mail programs to take from a link. */
  mailto: z.string().nullable(),
});
export type DipEmail = z.infer<typeof dipEmailSchema>;

export const batchTimelineSchema = z.object({
  /** ISO dates, oldest first. */
  days: z.array(z.string()),
  /** Corrections in each status at the end of each day. */
  series: z.record(correctionStatusSchema, z.array(z.number().int())),
});
export type BatchTimeline = z.infer<typeof batchTimelineSchema>;

export const batchDashboardSchema = z.object({
  overdue: z.array(batchSummarySchema),
  /** Sent batches still waiting for an answer (overdue or not). */
  awaiting: z.number().int(),
  /** Rejections still to deal with (corrections and CEP changes not yet corrected again or dismissed). */
  rejected: z.number().int(),
  pending: z.number().int(),
  timeline: batchTimelineSchema,
});
export type BatchDashboard = z.infer<typeof batchDashboardSchema>;

const idInput = z.object({ id: z.number().int() }).strict();

export const batchesContract = {
  'batches:pending': { input: empty, output: pendingForBatchSchema },
  'batches:list': {
    input: z.object({ state: batchStateSchema.optional(), ...pageInput }).strict(),
    output: pageOf(batchSummarySchema),
  },
  /** By number (`2026-0001`), id or External-Identifier. */
  'batches:find': { input: z.object({ key: z.string().trim().min(1).max(80) }).strict(), output: batchSummarySchema.nullable() },
  'batches:get': {
    input: idInput,
    output: z.object({ batch: batchSummarySchema, groups: z.array(batchGroupSchema) }),
  },
  'batches:items': {
    input: z
      .object({
        id: z.number().int(),
        kind: batchItemKindSchema.optional(),
        status: correctionStatusSchema.optional(),
        field: z.string().max(40).optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(batchItemSchema),
  },
  'batches:create': { input: empty, output: batchSummarySchema },
  'batches:seal': { input: idInput, output: batchSummarySchema },
  'batches:cancel': { input: idInput, output: batchSummarySchema },
  /** Takes one correction or CEP change out of an open batch: it is pending again, for the next batch. */
  'batches:removeItem': {
    input: z
      .object({
        /** The batch's internal id, or what a person types (number, file name, External-Identifier). */
        batch: z.union([z.number().int(), z.string().trim().min(1).max(80)]),
        uuid: z.string().trim().min(1).max(64),
      })
      .strict(),
    output: z.object({ batch: batchSummarySchema, kind: batchItemKindSchema, uuid: z.string(), field: z.string() }),
  },
  /** Writes the package to `path` (a job); `replace` allows overwriting a file the clerk chose to replace. */
  'batches:export': {
    input: z
      .object({ id: z.number().int(), path: filePathSchema, passphrase: passphraseSchema, replace: z.boolean().default(false) })
      .strict(),
    output: jobStartedSchema,
  },
  'batches:markSent': {
    input: z
      .object({
        id: z.number().int(),
        /** ISO date-time it was sent; default now. */
        sentAt: z.string().max(40).optional(),
        overdueHours: z.number().int().min(1).max(8760).optional(),
      })
      .strict(),
    output: batchSummarySchema,
  },
  /**
   * Imports Implanta's answer (JSON, CSV or xlsx) as a job. `dryRun`: says what it would change and
   * writes nothing; `expectedSha256`: the file previewed, refused (FILE_CHANGED) when it no longer is.
   */
  'batches:acknowledge': {
    input: z
      .object({
        path: filePathSchema,
        fileName: z.string().max(255).optional(),
        dryRun: z.boolean().optional(),
        expectedSha256: sha256Schema.optional(),
      })
      .strict(),
    output: jobStartedSchema,
  },
  /** Checks a package file (a job). */
  'batches:verify': {
    input: z.object({ path: filePathSchema, passphrase: passphraseSchema }).strict(),
    output: jobStartedSchema,
  },
  'batches:dipEmail': { input: idInput, output: dipEmailSchema },
  'batches:dashboard': {
    input: z.object({ days: z.number().int().min(7).max(90).default(30) }).strict(),
    output: batchDashboardSchema,
  },
} as const;

/** Every status present, zero when none. */
export function emptyStatusCounts(): Record<(typeof CORRECTION_STATUSES)[number], number> {
  return Object.fromEntries(CORRECTION_STATUSES.map((s) => [s, 0])) as Record<(typeof CORRECTION_STATUSES)[number], number>;
}
