// Database backups: create, verify, restore, the list, pinning and the automatic routine.
import { z } from 'zod';
import { empty, fileProblemSchema, filePathSchema, passphraseSchema } from './common';
import { signatureCheckSchema } from './audit';
import { jobStartedSchema } from './jobs';

const passphrase = passphraseSchema;
/** A file or folder: a handle (app, browser preview) or, for `file`, a listed backup's path; a path on the command line (./files.ts). */
const filePath = filePathSchema;
/** A recovery key file (Configurações → Chave de recuperação) for a backup made with another desk's key. */
const keyFile = filePath.nullable().default(null);

/** What made a backup; `found`: a file found in the folder and verified or pinned here. */
export const BACKUP_TRIGGERS = ['manual', 'auto', 'close', 'cli', 'found'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];
const CREATE_TRIGGERS = ['manual', 'auto', 'close', 'cli'] as const;

export const backupCountsSchema = z.record(z.string(), z.number().int());

export const backupItemSchema = z.object({
  fileName: z.string(),
  path: z.string(),
  /** ISO date-time the backup was made. */
  createdAt: z.string(),
  bytes: z.number().int(),
  /** Null when not known (an encrypted file never opened here is still known: its zip says so). */
  encrypted: z.boolean().nullable(),
  /** true: sound at its last verification; false: failed it; null: never verified on this desk. */
  verified: z.boolean().nullable(),
  verifiedAt: z.string().nullable(),
  /** The desk wrote this file, and the bytes there now are not those (replaced or altered since): its verification no longer holds. */
  changed: z.boolean(),
  pinned: z.boolean(),
  trigger: z.enum(BACKUP_TRIGGERS).nullable(),
  region: z.number().int().nullable(),
  counts: backupCountsSchema.nullable(),
  sha256: z.string().nullable(),
  /** The name this desk wrote the backup under, when the clerk renamed the file since (known by its size and SHA-256). */
  renamedFrom: z.string().nullable(),
});
export type BackupItem = z.infer<typeof backupItemSchema>;

export const backupSettingsSchema = z.object({
  /** Where backups go; `defaultFolder` when the clerk chose none. */
  folder: z.string(),
  defaultFolder: z.string(),
  keepLast: z.number().int().min(1).max(1000),
  intervalHours: z.number().int().min(1).max(720),
  onClose: z.boolean(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupSummarySchema = z.object({
  /** The newest backup that passed verification, if any. */
  lastVerified: z.object({ fileName: z.string(), createdAt: z.string() }).nullable(),
  /** Whole days since then. */
  ageDays: z.number().int().nullable(),
  /** No verified backup, or the last is older than `warnAfterDays`. */
  warning: z.boolean(),
  warnAfterDays: z.number().int(),
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

/** What `backup.create` answers (the job's result). */
export const backupCreatedSchema = z.object({
  file: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  verified: z.boolean(),
  encrypted: z.boolean(),
  counts: backupCountsSchema,
  schemaVersion: z.number().int(),
  region: z.number().int(),
  createdAt: z.string(),
  /** Older backups the routine removed to keep the last N. */
  removed: z.array(z.string()),
  /** Written into the store's own folder: a failing disk takes the backup with the data. */
  warning: z.string().optional(),
});
export type BackupCreated = z.infer<typeof backupCreatedSchema>;

export const backupProblemSchema = fileProblemSchema;
export type BackupProblem = z.infer<typeof backupProblemSchema>;

/** What `backup.verify` answers. */
export const backupVerificationSchema = z.object({
  file: z.string(),
  valid: z.boolean(),
  problems: z.array(backupProblemSchema),
  encrypted: z.boolean(),
  region: z.number().int().nullable(),
  schemaVersion: z.number().int().nullable(),
  createdAt: z.string().nullable(),
  counts: backupCountsSchema.nullable(),
  /** The desk's signature of the backup (absent from answers of older versions). */
  signature: signatureCheckSchema.optional(),
  /**
   * What opened the database inside: this desk's key, the recovery key file given, the passphrase
   * (a copy made for Implanta), or nothing (a plain copy of an older version). Absent when not opened.
   */
  unlockedWith: z.enum(['desk', 'recoveryKey', 'passphrase', 'plain']).optional(),
});
export type BackupVerification = z.infer<typeof backupVerificationSchema>;

/**
 * Whether a lote a restore undid is gone from the restored desk for good: not in the backup, or in
 * it still under review — which the restore cancels, as sealing it again would make another package
 * under the number and identifier Implanta may already hold. Its number is never given again.
 */
export const loteRetiredByRestore = (lote: { stateNow?: string | null }): boolean => !lote.stateNow || lote.stateNow === 'open' || lote.stateNow === 'cancelled';

/**
 * Lotes the store had exported, sent or had answered, which the backup does not hold at that step:
 * Implanta may have them (and have applied them) although the restored desk no longer does.
 */
const undoneLotesSchema = z
  .array(z.object({ number: z.string(), uuid: z.string(), state: z.enum(['exported', 'sent', 'acknowledged']), sentAt: z.string().nullable(), items: z.number().int(), answered: z.number().int().optional(), stateNow: z.string().nullable().optional(), answeredNow: z.number().int().nullable().optional() }))
  .default([]);

/**
 * Which desk a store is: its CRESS, its seccional (null: the head office), and who set it up and
 * when (the settings row, which a restore brings along). Two desks of one CRESS number their lotes alike.
 */
export const deskIdentitySchema = z.object({ region: z.number().int(), seccional: z.string().nullable(), operator: z.string(), since: z.string() });
export type DeskIdentity = z.infer<typeof deskIdentitySchema>;

/** What `backup.restorePrepare` answers: a verified copy waiting to replace the store. */
export const restorePreparedSchema = z.object({
  file: z.string(),
  /** The verified (and, if older, migrated) copy beside the store, waiting for the swap. */
  preparedPath: z.string(),
  region: z.number().int().nullable(),
  encrypted: z.boolean(),
  currentRegion: z.number().int().nullable(),
  /** The backup is of another CRESS: restoring needs the clerk's explicit confirmation. */
  otherRegion: z.boolean(),
  /** The desk the backup is of, and this one (null when a store has no settings to tell). */
  desk: deskIdentitySchema.nullable().default(null),
  currentDesk: deskIdentitySchema.nullable().default(null),
  /** Restored, this desk becomes the backup's desk, another one (told before and after). */
  deskChanges: z.boolean().default(false),
  /**
   * The backup is of another desk of this CRESS, and this desk holds work of its own (not just set
   * up): restoring needs the clerk's explicit confirmation, as another CRESS's does.
   */
  otherDesk: z.boolean().default(false),
  schemaVersion: z.number().int(),
  /** The copy was migrated from an older schema to this one. */
  migratedFrom: z.number().int().nullable(),
  /** A copy made for Implanta (its database opened with the passphrase): the council's atendimentos are not in it. */
  implantaCopy: z.boolean(),
  createdAt: z.string().nullable(),
  counts: backupCountsSchema,
  /** Corrections this desk saved after the backup was made (the latest one's time): the restore takes them off the desk. */
  correctionsAfter: z.object({ count: z.number().int(), latest: z.string().nullable() }).default({ count: 0, latest: null }),
  /** Corrections the clerk cancelled after the backup was made that it holds still on their way: restored, they would go to Implanta. */
  cancelledAfter: z.object({ count: z.number().int(), latest: z.string().nullable() }).default({ count: 0, latest: null }),
  /** CEP changes queued for Implanta and atendimentos saved after the backup was made: the restore takes them off the desk. */
  otherAfter: z.object({ cepChanges: z.number().int(), contacts: z.number().int() }).default({ cepChanges: 0, contacts: 0 }),
  /** What restoring it would undo, told before the clerk confirms (the restore tells it again, as found then). */
  undoneLotes: undoneLotesSchema,
});
export type RestorePrepared = z.infer<typeof restorePreparedSchema>;

export const restoreAppliedSchema = z.object({
  file: z.string(),
  /** Where the store as it was before the restore is kept. */
  previousStore: z.string(),
  schemaVersion: z.number().int(),
  counts: backupCountsSchema,
  /**
   * Lotes the store set aside had exported, sent or had answered, which the backup does not hold at
   * that step: Implanta may have them (and have applied them) although this desk no longer does.
   */
  undoneLotes: undoneLotesSchema,
});
export type RestoreApplied = z.infer<typeof restoreAppliedSchema>;

/** A backup to open: the file, its passphrase, and a recovery key file when another desk's key made it. */
const backupFileInput = z.object({ file: filePath, passphrase, keyFile }).strict();

export const backupsContract = {
  'backups:list': { input: empty, output: z.object({ folder: z.string(), items: z.array(backupItemSchema) }) },
  'backups:summary': { input: empty, output: backupSummarySchema },
  'backups:settings': { input: empty, output: backupSettingsSchema },
  'backups:updateSettings': {
    input: z
      .object({
        /** A folder dialog's handle (./files.ts); null returns to the default folder. */
        folder: z.string().trim().min(1).max(4096).nullable().optional(),
        keepLast: z.number().int().min(1).max(1000).optional(),
        intervalHours: z.number().int().min(1).max(720).optional(),
        onClose: z.boolean().optional(),
      })
      .strict(),
    output: backupSettingsSchema,
  },
  /** Starts `backup.create`; the job's result is a BackupCreated. */
  'backups:create': {
    input: z
      .object({
        passphrase,
        folder: filePath.nullable().default(null),
        trigger: z.enum(CREATE_TRIGGERS).default('manual'),
        /** A copy for Implanta to read: its database encrypted with the passphrase instead of the desk's key (docs/backups.md). */
        forImplanta: z.boolean().default(false),
      })
      .strict(),
    output: jobStartedSchema,
  },
  /** Starts a backup only when the routine says one is due; `jobId` null when none is. */
  'backups:auto': {
    input: z.object({ trigger: z.enum(['auto', 'close']) }).strict(),
    output: z.object({ jobId: z.string().nullable(), reason: z.string() }),
  },
  /** Starts `backup.verify`; the job's result is a BackupVerification. */
  'backups:verify': { input: backupFileInput, output: jobStartedSchema },
  /** Starts `backup.restorePrepare`; the job's result is a RestorePrepared. */
  'backups:restorePrepare': { input: backupFileInput, output: jobStartedSchema },
  /** Swaps the prepared copy in. `confirmOtherRegion` must be true for another CRESS's backup, `confirmOtherDesk` for another desk's. */
  'backups:restoreApply': {
    input: z.object({ jobId: z.string().max(64), confirmOtherRegion: z.boolean().default(false), confirmOtherDesk: z.boolean().default(false) }).strict(),
    output: restoreAppliedSchema,
  },
  /** Throws away a prepared copy the clerk decided not to restore. */
  'backups:restoreDiscard': { input: z.object({ jobId: z.string().max(64) }).strict(), output: z.object({ discarded: z.boolean() }) },
  'backups:pin': { input: z.object({ file: filePath, pinned: z.boolean() }).strict(), output: backupItemSchema },
} as const;
