// Schemas every part of the contract shares: the closed vocabularies, pages, dates, the error envelope.
import { z } from 'zod';
import { CORRECTION_SOURCES, CORRECTION_STATUSES, DIP_CONSEQUENCES, DIP_STATUSES, EVIDENCE_ARRIVALS, MARITAL_STATUSES, UFS } from '../domain';
import { ERROR_CODES } from '../errors';
import { plainLine, plainText } from '../text';

export const ufSchema = z.enum(UFS);
export const dipStatusSchema = z.enum(DIP_STATUSES);
export const maritalStatusSchema = z.enum(MARITAL_STATUSES);
export const correctionStatusSchema = z.enum(CORRECTION_STATUSES);
export const correctionSourceSchema = z.enum(CORRECTION_SOURCES);
export const dipConsequenceSchema = z.enum(DIP_CONSEQUENCES);
export const evidenceArrivalSchema = z.enum(EVIDENCE_ARRIVALS);
export const fieldValueSchema = z.union([z.string().max(1000), z.boolean(), z.null()]);
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A line the clerk types (a reason, a document, a name): kept as words only (../text.ts), so a
 * pasted escape sequence or invisible override never reaches the store, a lote or an e-mail.
 */
export const typedLine = (max: number, min = 0) => z.string().transform(plainLine).pipe(z.string().min(min).max(max));
/** Text of several lines the clerk types (an atendimento's summary, notes): lines and tabs kept. */
export const typedText = (max: number) => z.string().transform(plainText).pipe(z.string().max(max));

/** A file or folder the clerk chose: a handle in the app and the browser preview, a path on the command line (./files.ts). */
export const filePathSchema = z.string().min(1).max(4096);
/** The longest passphrase an encrypted file takes. */
export const PASSPHRASE_MAX = 1024;
/** The passphrase of an encrypted file; null for none. */
export const passphraseSchema = z.string().min(1).max(PASSPHRASE_MAX).nullable().default(null);
/** A SHA-256 in lowercase hex. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
/** What a check found wrong in a file: a code, the message, and where. */
export const fileProblemSchema = z.object({ code: z.string(), message: z.string(), path: z.string().optional() });

/** An entry of a trail or a timeline: its id, when and by whom. */
export const entryShape = { id: z.number().int(), at: z.string(), operator: z.string() };

/** Who made a row and when, as the store keeps them (db/schema/columns.ts `made()`). */
export const madeShape = { operator: z.string(), createdAt: z.string() };

/** When a row was made and last changed (db/schema/columns.ts `timestamps()`). */
export const timestampsShape = { createdAt: z.string(), updatedAt: z.string() };

/** Which professional a row is about: the record's id, and the registration number and name people know it by. */
export const professionalRefShape = { professionalId: z.number().int(), registrationNumber: z.string(), name: z.string() };

/** How many items stand in each correction status. */
export const statusCountsSchema = z.record(correctionStatusSchema, z.number().int());

export const pageInput = {
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(200).default(25),
};

/**
 * Where a spreadsheet export goes: a save handle or a path (./files.ts), xlsx or CSV, and whether the
 * clerk confirmed replacing a file already there; and what the export answers.
 */
export const spreadsheetExportInput = {
  path: filePathSchema,
  format: z.enum(['xlsx', 'csv']).optional(),
  replace: z.boolean().optional(),
};
export const spreadsheetExportedSchema = z.object({ path: z.string(), rows: z.number().int(), sha256: z.string() });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });
}

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  details: z.unknown().optional(),
});

/** What every channel answers: the value, or an error the user can read. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof appErrorSchema> };

export const empty = z.object({}).strict();
