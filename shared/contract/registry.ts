// Channels of the registry: the professional's record, search, demo data, pendências, conflicts with
// the main system and the export back to it.
import { z } from 'zod';
import {
  dipStatusSchema,
  entryShape,
  isoDateSchema,
  maritalStatusSchema,
  pageInput,
  pageOf,
  professionalRefShape,
  spreadsheetExportedSchema,
  spreadsheetExportInput,
  statusCountsSchema,
  timestampsShape,
  typedLine,
  ufSchema,
} from './common';
import { correctionSchema } from './corrections';
import { CONFLICT_CHOICES, PENDENCY_SOURCES } from '../domain';
import { FIELDS, type FieldRule, type FieldSpec } from '../fields';

/** The zod type of a catalogue rule's values (shared/fields.ts). */
type RuleSchema<R extends FieldRule> = R extends 'flag'
  ? z.ZodBoolean
  : R extends 'uf'
    ? typeof ufSchema
    : R extends 'maritalStatus'
      ? typeof maritalStatusSchema
      : z.ZodString;
type FieldSchema<S extends FieldSpec> = S['optional'] extends true ? z.ZodNullable<RuleSchema<S['rule']>> : RuleSchema<S['rule']>;
type FieldsShape = { -readonly [K in keyof typeof FIELDS]: FieldSchema<(typeof FIELDS)[K]> };

function ruleSchema(rule: FieldRule): z.ZodType {
  if (rule === 'flag') return z.boolean();
  if (rule === 'uf') return ufSchema;
  if (rule === 'maritalStatus') return maritalStatusSchema;
  return z.string();
}

// Every correctable field comes from the catalogue: adding one there adds it to the record's shape.
const fieldsShape = Object.fromEntries(
  Object.entries(FIELDS).map(([name, spec]: [string, FieldSpec]) => [name, spec.optional ? ruleSchema(spec.rule).nullable() : ruleSchema(spec.rule)]),
) as FieldsShape;

export const professionalSchema = z.object({
  id: z.number().int(),
  registrationNumber: z.string(),
  ...fieldsShape,
  dipStatus: dipStatusSchema,
  dipStatusAt: z.string().nullable(),
  rowVersion: z.number().int(),
  ...timestampsShape,
});
/** A professional as stored. Dates are ISO `YYYY-MM-DD`; CPF and CEP are digits only. */
export type Professional = z.infer<typeof professionalSchema>;

/** A search hit: CPF masked (LGPD), enough to pick the right person. */
export const professionalSummarySchema = z.object({
  id: z.number().int(),
  registrationNumber: z.string(),
  cpfMasked: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  uf: ufSchema.nullable(),
  dipStatus: dipStatusSchema,
  openCorrections: z.number().int(),
  /** How many pendências the record has (0: none). */
  pendencies: z.number().int(),
});
export type ProfessionalSummary = z.infer<typeof professionalSummarySchema>;

export const auditEntrySchema = z.object({
  ...entryShape,
  /** The computer's account the desk ran under (null in entries written before it was recorded). */
  account: z.string().nullable().default(null),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const pendencySchema = z.object({
  code: z.string(),
  field: z.string().nullable(),
  message: z.string(),
  /** `rule`: from the record as stored; `load`: a value of the main system that could not be kept. */
  source: z.enum(PENDENCY_SOURCES),
});
export type PendencyView = z.infer<typeof pendencySchema>;

/** The field of a registry conflict, the desk's value and the main system's (as corrections store them). */
export const conflictValuesShape = {
  /** A correction field (`mother` for the mother fact). */
  field: z.string(),
  deskValue: z.string().nullable(),
  fileValue: z.string().nullable(),
};

/**
 * Set when the conflict's correction left its way to Implanta without being applied (Implanta
 * rejected it, or the clerk cancelled it): `deskValue` is then the value the record holds now.
 */
export const correctionOutcomeSchema = z.enum(['rejected', 'cancelled']).nullable();

/**
 * A registry load brought a third value for a field with a correction in flight, or the value of a
 * correction Implanta rejected or the clerk cancelled after the main system took it (docs/import-format.md).
 */
export const registryConflictSchema = z.object({
  id: z.number().int(),
  importId: z.number().int().nullable(),
  row: z.number().int().nullable(),
  ...professionalRefShape,
  ...conflictValuesShape,
  correctionUuid: z.string(),
  correctionOutcome: correctionOutcomeSchema,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.enum(CONFLICT_CHOICES).nullable(),
});
export type RegistryConflict = z.infer<typeof registryConflictSchema>;

/** One change of a record's fields, whatever made it (db/recordHistory.ts). */
export const historyEntrySchema = z.object({
  ...entryShape,
  kind: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  correctionUuid: z.string().nullable(),
  importId: z.number().int().nullable(),
  batchId: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type HistoryEntryView = z.infer<typeof historyEntrySchema>;

export const recordViewSchema = z.object({
  professional: professionalSchema,
  corrections: z.array(correctionSchema),
  statusCounts: statusCountsSchema,
  audit: z.array(auditEntrySchema),
  pendencies: z.array(pendencySchema),
  conflicts: z.array(registryConflictSchema),
  history: z.array(historyEntrySchema),
});
export type RecordView = z.infer<typeof recordViewSchema>;

export const registryContract = {
  'registry:search': {
    input: z.object({ text: z.string().max(200), withPendencies: z.boolean().optional(), ...pageInput }).strict(),
    output: pageOf(professionalSummarySchema),
  },
  'registry:get': {
    input: z.object({ id: z.number().int() }).strict(),
    output: recordViewSchema,
  },
  /** Exact lookup by CPF (any punctuation, lost leading zeros) or registration number. */
  'registry:find': {
    input: z.object({ key: z.string().trim().min(1).max(40) }).strict(),
    output: professionalSchema.nullable(),
  },
  /**
   * Whether another professional's record holds this e-mail (as stored: trimmed, lower case): the
   * correction form says so while the clerk types, in the words of the EMAIL_SHARED pendência.
   */
  'registry:emailInUse': {
    input: z.object({ email: z.string().trim().min(1).max(254), professionalId: z.number().int() }).strict(),
    output: z.object({ inUse: z.boolean() }),
  },
  /** What Início counts about the registry: the same numbers every screen shows. */
  'registry:overview': {
    input: z.object({}).strict(),
    output: z.object({
      professionals: z.number().int(),
      withPendencies: z.number().int(),
      rejections: z.object({ corrections: z.number().int(), cepChanges: z.number().int(), total: z.number().int() }),
      openConflicts: z.number().int(),
    }),
  },
  /** Open conflicts between registry loads and corrections in flight, oldest first. */
  'registry:conflicts': {
    input: z.object({ ...pageInput }).strict(),
    output: pageOf(registryConflictSchema),
  },
  /** The clerk's choice on a conflict: keep the correction, or take the main system's value (docs/import-format.md). */
  'registry:resolveConflict': {
    input: z.object({ id: z.number().int(), choice: z.enum(CONFLICT_CHOICES), reason: typedLine(500) }).strict(),
    output: z.object({
      conflict: registryConflictSchema,
      /** What was done, for the clerk (registration, name, field and both values). */
      message: z.string(),
      /** The correction cancelled (still on the desk) or superseded by `newCorrection` (already sealed or sent). */
      cancelledCorrection: z.string().nullable(),
      newCorrection: z.string().nullable(),
    }),
  },
  /** Fill the registry with synthetic professionals of the desk's region (training, demos, benchmarks). */
  'registry:demo': {
    input: z.object({ count: z.number().int().min(1).max(500_000), seed: z.number().int().default(1) }).strict(),
    output: z.object({ inserted: z.number().int(), total: z.number().int() }),
  },
  /**
   * Records changed on the desk and synced by Implanta since a date, as a registry-import file for
   * the main system. `path`: a save handle or a path (./files.ts); `replace`: overwrite a file
   * already there (only what the clerk confirmed counts).
   */
  'registry:export': {
    input: z.object({ since: isoDateSchema, ...spreadsheetExportInput }).strict(),
    /** `waiting`: fields left empty because their registry conflict waits for the clerk's choice; `message` says so in words. */
    output: spreadsheetExportedSchema.extend({
      waiting: z.array(z.object({ registrationNumber: z.string(), name: z.string(), field: z.string() })),
      message: z.string().nullable(),
    }),
  },
} as const;
