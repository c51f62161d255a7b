// Lotes for Implanta: each batch and who it is about, as the registry said when it was sealed.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BATCH_STATES } from '../../shared/domain';
import { inVocabulary } from './checks';
import { made, rowId, rowOf, wordOf } from './columns';

/**
 * Batches (lotes) of corrections and CEP changes for Implanta, numbered per region and year
 * (`2026-0001`). A sealed batch never changes: its items and the identity snapshot below are fixed,
 * so every export of it is byte-identical.
 */
export const batches = sqliteTable(
  'batches',
  {
    id: rowId(),
    /** The package's External-Identifier. */
    uuid: text('uuid').notNull().unique(),
    region: integer('region').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** `2026-0001`. */
    number: text('number').notNull(),
    state: wordOf('state', BATCH_STATES).notNull().default('open'),
    ...made(),
    sealedAt: text('sealed_at'),
    /** App version at sealing: written into bag-info.txt, so an upgrade does not change the package. */
    appVersion: text('app_version'),
    exportedAt: text('exported_at'),
    sentAt: text('sent_at'),
    /** Hours after sending without an acknowledgement before the batch is shown as overdue. */
    overdueHours: integer('overdue_hours').notNull().default(24),
    acknowledgedAt: text('acknowledged_at'),
    cancelledAt: text('cancelled_at'),
    /** Package Schema-Version this batch is exported with (1: before the mother fact was one item). */
    schemaVersion: integer('schema_version').notNull().default(2),
    /** SHA-256 and name of the last plain export, and of the last encrypted one. */
    packageSha256: text('package_sha256'),
    packageFileName: text('package_file_name'),
    encryptedSha256: text('encrypted_sha256'),
    /**
     * The seccional's mark in the package's name (`campinas` in `CRESS09-campinas-lote-2026-0001`),
     * fixed at sealing; null for the head office and for lotes sealed before seccionais were named.
     */
    seccionalTag: text('seccional_tag'),
  },
  (t) => [
    uniqueIndex('batches_region_year_seq_idx').on(t.region, t.year, t.seq),
    uniqueIndex('batches_region_number_idx').on(t.region, t.number),
    index('batches_state_idx').on(t.state),
    inVocabulary('batches', 'state', BATCH_STATES),
    check('batches_overdue_hours', sql.raw('overdue_hours BETWEEN 1 AND 8760')),
  ],
);

/** Who each sealed batch is about, as the registry said when it was sealed (CPF and name may change later). */
export const batchProfessionals = sqliteTable(
  'batch_professionals',
  {
    batchId: rowOf('batch_id', () => batches.id),
    professionalId: integer('professional_id').notNull(),
    cpf: text('cpf').notNull(),
    registrationNumber: text('registration_number').notNull(),
    name: text('name').notNull(),
    /** The CPF Implanta knows, when a CPF correction of this professional is not yet synced. */
    previousCpf: text('previous_cpf'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.professionalId] })],
);
