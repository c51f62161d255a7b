// The Pendências worklist: what in the registry will fail when the professional tries to re-register
// (the notice's cases A–G), counted, listed, checked again on demand, and exported to be corrected.
import { z } from 'zod';
import { PENDENCY_CASES } from '../rules/pendencyCases';
import { professionalRefShape, spreadsheetExportedSchema, spreadsheetExportInput } from './common';
import { jobStartedSchema } from './jobs';

/** The largest page: every pendência of a 250 000-record registry (about 5 % of records). */
export const QUALITY_PAGE_MAX = 100_000;

export const pendencyCaseSchema = z.enum(PENDENCY_CASES);
const filters = {
  case: pendencyCaseSchema.nullable().default(null),
  code: z.string().max(40).nullable().default(null),
};

export const qualitySummarySchema = z.object({
  /** Records with at least one pendência. */
  records: z.number().int(),
  /** Pendências in all (a record may have several). */
  total: z.number().int(),
  /** Records with a pendência of each case. */
  byCase: z.record(pendencyCaseSchema, z.number().int()),
  /** Pendências of each code. */
  byCode: z.record(z.string(), z.number().int()),
});
export type QualitySummary = z.infer<typeof qualitySummarySchema>;

export const qualityItemSchema = z.object({
  ...professionalRefShape,
  cpf: z.string(),
  case: pendencyCaseSchema,
  code: z.string(),
  field: z.string().nullable(),
  message: z.string(),
  suggestion: z.string().nullable(),
});
export type QualityItem = z.infer<typeof qualityItemSchema>;

/** What a finished scan answers: how many records were checked, and the new counts. */
export const qualityScannedSchema = z.object({ scanned: z.number().int(), summary: qualitySummarySchema });

export const qualityContract = {
  'quality:summary': { input: z.object({}).strict(), output: qualitySummarySchema },
  /** One page of pendências, by registration number (the command line asks for every item at once). */
  'quality:list': {
    input: z.object({ ...filters, page: z.number().int().min(0).default(0), pageSize: z.number().int().min(1).max(QUALITY_PAGE_MAX).default(50) }).strict(),
    output: z.object({ total: z.number().int(), items: z.array(qualityItemSchema) }),
  },
  /**
   * Checks every record again (after a change of rules, or when the clerk asks): a job, since it
   * takes seconds on a national registry; it answers `qualityScannedSchema`.
   */
  'quality:scan': { input: z.object({}).strict(), output: jobStartedSchema },
  /**
   * The records with pendências, in the columns a corrections import reads, plus a `Pendências`
   * column (ignored on import): filled in and imported back, the corrections clear them.
   */
  'quality:export': {
    input: z.object({ ...filters, ...spreadsheetExportInput }).strict(),
    output: spreadsheetExportedSchema,
  },
} as const;
