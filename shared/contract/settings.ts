// Channels of the desk's setup: its region and operator, and what the app tells about itself.
import { z } from 'zod';
import { empty, typedLine, ufSchema } from './common';
import { OPERATOR_NAME_MAX, pinSchema } from './operators';

/** The longest seccional's name the store keeps (the forms say so before sending). */
export const SECCIONAL_MAX = 80;

export const settingsSchema = z.object({
  region: z.number().int().min(1).max(27),
  uf: ufSchema,
  seccional: z.string().nullable(),
  /** The session's operator (who signs the writes). */
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
  /** Every operator who may sign the desk's writes (not the disabled ones). */
  operators: z.array(z.string()),
  /** Who works now (db/session.ts); null until someone chose their name and typed their PIN. */
  sessionOperator: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The atendimentos' settings: where e-mails to Implanta go, and when an unanswered one is overdue. */
export const contactSettingsSchema = z.object({
  /** Implanta's support address; null until the council sets it. */
  implantaEmail: z.string().nullable(),
  /** Days after forwarding without Implanta's answer before an atendimento is overdue. */
  overdueDays: z.number().int().min(1).max(60),
});
export type ContactSettings = z.infer<typeof contactSettingsSchema>;

export const settingsContract = {
  'app:info': { input: empty, output: appInfoSchema },
  'settings:setup': {
    input: z
      .object({
        region: z.number().int().min(1).max(27),
        seccional: z.string().trim().max(SECCIONAL_MAX).nullable().default(null),
        operator: typedLine(OPERATOR_NAME_MAX, 2),
        /** The first operator's PIN; without it, the first session sets it. */
        pin: pinSchema.optional(),
        /** The council's admin PIN (resets an operator's PIN); it can also be set later in Configurações. */
        adminPin: pinSchema.optional(),
        demoProfessionals: z.number().int().min(0).max(500_000).default(0),
      })
      .strict(),
    output: settingsSchema,
  },
  'settings:update': {
    input: z
      .object({ seccional: z.string().trim().max(SECCIONAL_MAX).nullable().optional() })
      .strict(),
    output: settingsSchema,
  },
  'settings:contacts': { input: empty, output: contactSettingsSchema },
  /** The address is checked like a professional's e-mail; null clears it. */
  'settings:updateContacts': {
    input: z.object({ implantaEmail: z.string().trim().max(254).nullable().optional(), overdueDays: z.number().int().min(1).max(60).optional() }).strict(),
    output: contactSettingsSchema,
  },
  /** The recovery key: the store's encryption key, written to a file for the council's IT (db/storeKeyExport.ts). */
  'settings:exportKey': {
    input: z.object({ path: z.string().min(1).max(1000), replace: z.boolean().optional() }).strict(),
    output: z.object({ path: z.string() }),
  },
} as const;
