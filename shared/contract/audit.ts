// Channels of the audit trail: verifying the keyed chain and the data against it, and exporting a
// period for the data-protection officer.
import { z } from 'zod';

/** What the keyed signature of a backup or a lote package says (db/packaging/bagSignature.ts). */
export const signatureCheckSchema = z.object({
  /** `valid`: checked with this desk's key; `unchecked`: signed on another desk; `absent`: made before signatures; `invalid`: altered. */
  state: z.enum(['valid', 'unchecked', 'absent', 'invalid']),
  keyId: z.string().nullable(),
  message: z.string(),
});
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

/** A professional or a correction whose data no longer matches what the desk wrote (never its values). */
export const auditRowProblemSchema = z.object({
  table: z.enum(['professionals', 'corrections']),
  /** The professional's registration number (for a correction, its professional's); null when the row is gone. */
  registrationNumber: z.string().nullable(),
  /** The correction's id (corrections only). */
  correctionId: z.number().int().nullable(),
  /** The columns that differ, as the store names them ([] when they cannot be told apart). */
  fields: z.array(z.string()),
  message: z.string(),
});
export type AuditRowProblem = z.infer<typeof auditRowProblemSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The first entry that fails (absent when the chain verifies). */
  brokenAt: z.number().int().nullable(),
  problem: z.string().nullable(),
  /**
   * Which check `problem` comes from: the chain itself, who may sign (PINs, operators), a sealed
   * lote's data, or the rows (then `problem` sums up `rows`, naming the first). Null when none failed.
   */
  problemFrom: z.enum(['chain', 'signers', 'lotes', 'rows']).nullable().default(null),
  /** What the clerk should know even when everything verifies: where signing started, guards restored, sections signed elsewhere. */
  notices: z.array(z.string()).default([]),
  /** The first entry signed with a key (null: none yet). */
  signedFrom: z.number().int().nullable().default(null),
  /** Rows whose data does not match the chain (the first 200). */
  rows: z.array(auditRowProblemSchema).default([]),
  /** How many rows do not match in all. */
  rowProblems: z.number().int().default(0),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditContract = {
  'audit:verify': { input: z.object({}).strict(), output: auditVerificationSchema },
  /**
   * The trail of a period as .xlsx for the data-protection officer (no personal values in it).
   * `path`: a save handle (app, browser preview) or a path (command line), see ./files.ts;
   * `replace`: overwrite a file already there (only what the clerk confirmed counts).
   */
  'audit:export': {
    input: z
      .object({
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        path: z.string().min(1).max(1000),
        replace: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ path: z.string(), entries: z.number().int() }),
  },
} as const;
