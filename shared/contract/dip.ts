// Channels of the DIP's paper side: which of the signed form, the 3×4 photo and the payment
// receipt reached the council for a professional, and recording (or undoing) an item's arrival.
import { z } from 'zod';
import { DIP_PAPER_ITEMS, DIP_PAPER_WAYS } from '../domain';
import { dipStatusSchema } from './common';

export const dipPaperItemSchema = z.enum(DIP_PAPER_ITEMS);
export const dipPaperWaySchema = z.enum(DIP_PAPER_WAYS);

export const dipPaperEntrySchema = z.object({
  item: dipPaperItemSchema,
  /** Null while the item has not arrived. */
  arrival: z
    .object({
      /** `YYYY-MM-DD`. */
      arrivedOn: z.string(),
      way: dipPaperWaySchema,
      operator: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
});
export type DipPaperEntry = z.infer<typeof dipPaperEntrySchema>;

export const dipPaperSchema = z.object({
  professionalId: z.number().int(),
  dipStatus: dipStatusSchema,
  /** The three items, always in the order form, photo, payment receipt. */
  items: z.array(dipPaperEntrySchema),
  /** Items not arrived yet, in the same order. */
  missing: z.array(dipPaperItemSchema),
  /** The DIP waits for its paper side (requested or awaiting documents) and all three items arrived. */
  complete: z.boolean(),
});
export type DipPaper = z.infer<typeof dipPaperSchema>;

const professionalId = z.number().int().min(1);

export const dipContract = {
  'dip:items': { input: z.object({ professionalId }).strict(), output: dipPaperSchema },
  'dip:arrive': {
    input: z
      .object({
        professionalId,
        item: dipPaperItemSchema,
        /** `dd/mm/aaaa` or `YYYY-MM-DD`; never after today. */
        arrivedOn: z.string().trim().max(10),
        way: dipPaperWaySchema,
      })
      .strict(),
    output: dipPaperSchema,
  },
  'dip:undo': { input: z.object({ professionalId, item: dipPaperItemSchema }).strict(), output: dipPaperSchema },
} as const;
