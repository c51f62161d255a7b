// Channels of the desk's setup: its region and operator, and what the app tells about itself.
import { z } from 'zod';
import { empty, ufSchema } from './common';

export const settingsSchema = z.object({
  region: z.number().int().min(1).max(27),
  uf: ufSchema,
  seccional: z.string().nullable(),
  operator: z.string(),
  /** Present and true while the registry holds demo professionals (cress-desk demo, the first run's demo option): every screen says so. */
  demo: z.boolean().optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  storePath: z.string(),
  professionals: z.number().int(),
  settings: settingsSchema.nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const settingsContract = {
  'app:info': { input: empty, output: appInfoSchema },
  'settings:setup': {
    input: z
      .object({
        region: z.number().int().min(1).max(27),
        seccional: z.string().trim().max(80).nullable().default(null),
        operator: z.string().trim().min(2).max(80),
        demoProfessionals: z.number().int().min(0).max(500_000).default(0),
      })
      .strict(),
    output: settingsSchema,
  },
  'settings:update': {
    input: z
      .object({ seccional: z.string().trim().max(80).nullable().optional(), operator: z.string().trim().min(2).max(80).optional() })
      .strict(),
    output: settingsSchema,
  },
  /** The recovery key: the store's encryption key, written to a file for the council's IT (db/storeKeyExport.ts). */
  'settings:exportKey': {
    input: z.object({ path: z.string().min(1).max(1000), replace: z.boolean().optional() }).strict(),
    output: z.object({ path: z.string() }),
  },
} as const;
