import { z } from 'zod';
import { correctionStatusSchema, dipStatusSchema, maritalStatusSchema, pageInput, pageOf, ufSchema } from './common';
import { correctionSchema } from './corrections';

export const professionalSchema = z.object({
  id: z.number().int(),
  registrationNumber: z.string(),
  cpf: z.string(),
  name: z.string(),
  socialName: z.string().nullable(),
  motherName: z.string().nullable(),
  motherNotListed: z.boolean(),
  fatherName: z.string().nullable(),
  birthDate: z.string().nullable(),
  maritalStatus: maritalStatusSchema.nullable(),
  birthCity: z.string().nullable(),
  birthUf: ufSchema.nullable(),
  nationality: z.string().nullable(),
  rgNumber: z.string().nullable(),
  rgIssuer: z.string().nullable(),
  rgUf: ufSchema.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  cep: z.string().nullable(),
  street: z.string().nullable(),
  number: z.string().nullable(),
  complement: z.string().nullable(),
  district: z.string().nullable(),
  city: z.string().nullable(),
  uf: ufSchema.nullable(),
  dipStatus: dipStatusSchema,
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

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
});
export type ProfessionalSummary = z.infer<typeof professionalSummarySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const recordViewSchema = z.object({
  professional: professionalSchema,
  corrections: z.array(correctionSchema),
  statusCounts: z.record(correctionStatusSchema, z.number().int()),
  audit: z.array(auditEntrySchema),
});
export type RecordView = z.infer<typeof recordViewSchema>;

export const registryContract = {
  'registry:search': {
    input: z.object({ text: z.string().max(200), ...pageInput }).strict(),
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
  /** Fill the registry with synthetic professionals of the desk's region (training, demos, benchmarks). */
  'registry:demo': {
    input: z.object({ count: z.number().int().min(1).max(500_000), seed: z.number().int().default(1) }).strict(),
    output: z.object({ inserted: z.number().int(), total: z.number().int() }),
  },
} as const;
