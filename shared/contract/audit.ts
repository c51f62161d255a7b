import { z } from 'zod';

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The first entry that fails (absent when the chain verifies). */
  brokenAt: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditContract = {
  'audit:verify': { input: z.object({}).strict(), output: auditVerificationSchema },
} as const;
