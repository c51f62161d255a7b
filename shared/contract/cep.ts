// Channels of the CEP directory the council keeps itself (the Correios database is not public).
import { z } from 'zod';
import { correctionStatusSchema, pageInput, pageOf, typedLine, ufSchema } from './common';

export const cepEntrySchema = z.object({
  cep: z.string(),
  street: z.string(),
  district: z.string(),
  city: z.string(),
  uf: ufSchema,
  updatedAt: z.string(),
  operator: z.string(),
  /** Status of the newest queued change of this CEP for Implanta. */
  status: correctionStatusSchema,
  /** Implanta's reason, when that change was rejected (absent from answers of older versions). */
  statusMessage: z.string().nullable().optional(),
});
export type CepEntry = z.infer<typeof cepEntrySchema>;

export const cepContract = {
  'cep:list': {
    // `status`: only the CEPs whose newest change for Implanta is in it (the command line's rejected ones).
    input: z.object({ text: z.string().max(100).default(''), status: correctionStatusSchema.optional(), ...pageInput }).strict(),
    output: pageOf(cepEntrySchema),
  },
  'cep:save': {
    input: z
      .object({
        cep: z.string().max(12),
        street: z.string().max(120),
        district: z.string().max(80),
        city: z.string().max(80),
        uf: z.string().max(2),
        reason: typedLine(500),
      })
      .strict(),
    output: z.object({
      entry: cepEntrySchema,
      created: z.boolean(),
      /** The same data Implanta refused for this CEP, sent again: said in words (db/cepRejections.ts). */
      refusedBefore: z.string().nullable().default(null),
    }),
  },
} as const;
