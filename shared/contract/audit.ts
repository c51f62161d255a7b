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
  /** The trail of a period as .xlsx for the data-protection officer (no personal values in it). */
  'audit:export': {
    input: z
      .object({
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        path: z.string().min(1).max(1000),
      })
      .strict(),
    output: z.object({ path: z.string(), entries: z.number().int() }),
  },
} as const;
