// The store's tables as drizzle sees them. `npx drizzle-kit generate` turns changes here into SQL
// migrations in db/migrations; what drizzle cannot express (full-text index, triggers) lives in
// the custom migration `search_and_audit`.
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  BATCH_STATES,
  CORRECTION_SOURCES,
  CORRECTION_STATUSES,
  DIP_CONSEQUENCES,
  DIP_STATUSES,
  EVIDENCE_ARRIVALS,
  REJECTION_RESOLUTIONS,
  type BatchState,
  type CorrectionSource,
  type CorrectionStatus,
  type DipConsequence,
  type EvidenceArrival,
  type RejectionResolution,
} from '../shared/domain';
import type { HistoryKind } from './recordHistory';

/** `column IN ('a', 'b', …)` for a CHECK constraint, from the shared vocabulary. */
function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

export const settings = sqliteTable(
  'settings',
  {
    id: integer('id').primaryKey(),
    region: integer('region').notNull(),
    uf: text('uf').notNull(),
    seccional: text('seccional'),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  () => [check('settings_single_row', sql.raw('id = 1')), check('settings_region', sql.raw('region BETWEEN 1 AND 27'))],
);

export const professionals = sqliteTable(
  'professionals',
  {
    id: integer('id').primaryKey(),
    registrationNumber: text('registration_number').notNull().unique(),
    cpf: text('cpf').notNull().unique(),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    socialName: text('social_name'),
    motherName: text('mother_name'),
    motherNotListed: integer('mother_not_listed').notNull().default(0),
    fatherName: text('father_name'),
    birthDate: text('birth_date'),
    maritalStatus: text('marital_status'),
    birthCity: text('birth_city'),
    birthUf: text('birth_uf'),
    nationality: text('nationality'),
    rgNumber: text('rg_number'),
    rgIssuer: text('rg_issuer'),
    rgUf: text('rg_uf'),
    email: text('email'),
    phone: text('phone'),
    cep: text('cep'),
    street: text('street'),
    number: text('number'),
    complement: text('complement'),
    district: text('district'),
    city: text('city'),
    uf: text('uf'),
    dipStatus: text('dip_status').notNull().default('none'),
    /** When the desk learnt the DIP status: a registry load, or Implanta's answer to a batch. */
    dipStatusAt: text('dip_status_at'),
    /**
     * JSON object: each field's value as the council's main system last loaded it, the base of the
     * three-way merge of the next registry load (docs/store.md). Null for records made on the desk.
     */
    loadedValues: text('loaded_values'),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('professionals_name_folded_idx').on(t.nameFolded),
    // Lets a name search sort its full-text hits by name without reading whole rows.
    index('professionals_id_name_idx').on(t.id, t.nameFolded),
    check('professionals_cpf_digits', sql.raw("length(cpf) = 11 AND cpf NOT GLOB '*[^0-9]*'")),
    check('professionals_mother_flag', sql.raw('mother_not_listed IN (0, 1)')),
    // Seed case F: never both the mother's name and "Não consta mãe".
    check('professionals_mother_rule', sql.raw('NOT (mother_not_listed = 1 AND mother_name IS NOT NULL)')),
    check('professionals_dip_status', sql.raw(oneOf('dip_status', DIP_STATUSES))),
  ],
);

const CHANGE_STATUS_SQL = sql.raw(oneOf('status', CORRECTION_STATUSES));

export const corrections = sqliteTable(
  'corrections',
  {
    id: integer('id').primaryKey(),
    uuid: text('uuid').notNull().unique(),
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason').notNull(),
    evidenceKind: text('evidence_kind'),
    evidenceArrival: text('evidence_arrival').$type<EvidenceArrival>(),
    evidenceDate: text('evidence_date'),
    evidenceNote: text('evidence_note'),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status').$type<CorrectionStatus>().notNull().default('pending'),
    statusMessage: text('status_message'),
    statusChangedAt: text('status_changed_at'),
    source: text('source').$type<CorrectionSource>().notNull().default('manual'),
    dipConsequence: text('dip_consequence').$type<DipConsequence>().notNull().default('none'),
    // Filled by later features (batches for Implanta, spreadsheet imports); no foreign key yet.
    batchId: integer('batch_id'),
    importId: integer('import_id'),
    /** For an imported correction: the record's row_version once the import wrote it (undo checks it). */
    importRowVersion: integer('import_row_version'),
    /**
     * Implanta applied it to the registry but could not correct the DIP request (already in
     * confecção): 0. Null when the answer did not say, or the DIP was not concerned.
     */
    dipRequestCorrected: integer('dip_request_corrected'),
    /** A rejection the clerk dealt with: `corrected` again, or `dismissed` with a note. */
    resolvedAt: text('resolved_at'),
    resolution: text('resolution').$type<RejectionResolution>(),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    index('corrections_status_idx').on(t.status),
    index('corrections_professional_idx').on(t.professionalId),
    index('corrections_created_at_idx').on(t.createdAt),
    index('corrections_field_idx').on(t.field),
    index('corrections_import_idx').on(t.importId),
    // A batch's items by status (review, acknowledgement), and answers by date (the dashboard's chart).
    index('corrections_batch_idx').on(t.batchId, t.status),
    index('corrections_status_changed_idx').on(t.status, t.statusChangedAt),
    // A batch's items in creation order without sorting (the package lists them so), and the few
    // that also need the DIP request corrected.
    index('corrections_batch_order_idx').on(t.batchId),
    index('corrections_batch_dip_idx').on(t.batchId, t.professionalId).where(sql.raw("dip_consequence = 'correct_dip_request'")),
    check('corrections_status', CHANGE_STATUS_SQL),
    check('corrections_source', sql.raw(oneOf('source', CORRECTION_SOURCES))),
    check('corrections_dip_consequence', sql.raw(oneOf('dip_consequence', DIP_CONSEQUENCES))),
    check('corrections_resolution', sql.raw(`resolution IS NULL OR ${oneOf('resolution', REJECTION_RESOLUTIONS)}`)),
    check('corrections_evidence_arrival', sql.raw(`evidence_arrival IS NULL OR ${oneOf('evidence_arrival', EVIDENCE_ARRIVALS)}`)),
  ],
);

/** CEPs the council added or fixed itself (the Correios database is not public). */
export const cepDirectory = sqliteTable(
  'cep_directory',
  {
    cep: text('cep').primaryKey(),
    street: text('street').notNull(),
    district: text('district').notNull(),
    city: text('city').notNull(),
    uf: text('uf').notNull(),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  () => [check('cep_directory_cep_digits', sql.raw("length(cep) = 8 AND cep NOT GLOB '*[^0-9]*'"))],
);

/** Every CEP directory change, queued for Implanta like a correction. */
export const cepChanges = sqliteTable(
  'cep_changes',
  {
    id: integer('id').primaryKey(),
    uuid: text('uuid').notNull().unique(),
    cep: text('cep').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value').notNull(),
    reason: text('reason').notNull(),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status').notNull().default('pending'),
    statusMessage: text('status_message'),
    batchId: integer('batch_id'),
    /** The spreadsheet import that made this change, if any. */
    importId: integer('import_id'),
    /** A rejection the clerk dealt with (see corrections). */
    resolvedAt: text('resolved_at'),
    resolution: text('resolution'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    index('cep_changes_cep_idx').on(t.cep),
    index('cep_changes_import_idx').on(t.importId),
    index('cep_changes_status_idx').on(t.status),
    index('cep_changes_batch_idx').on(t.batchId),
    check('cep_changes_status', CHANGE_STATUS_SQL),
  ],
);

/** Append-only, hash-chained trail of every write (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    operator: text('operator').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * HMAC-SHA-256, with the desk's audit key (db/auditKey.ts), of the previous entry's MAC and this
     * entry; null only for entries written before the store was keyed (docs/store.md).
     */
    mac: text('mac'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** How many audit entries exist and the newest hash: deleting the newest entries shows up here. */
export const auditAnchor = sqliteTable(
  'audit_anchor',
  {
    id: integer('id').primaryKey(),
    count: integer('count').notNull(),
    lastHash: text('last_hash').notNull(),
    /** The id of the key that signs the chain now (never the key itself); null before keying. */
    keyId: text('key_id'),
    lastMac: text('last_mac'),
    /** XOR of the MACs of every professional's and every correction's seal (db/auditSeals.ts). */
    professionalsDigest: text('professionals_digest'),
    correctionsDigest: text('corrections_digest'),
    /** HMAC of the row above: count, newest hash and MAC, key id and both digests. */
    mac: text('mac'),
  },
  () => [check('audit_anchor_single_row', sql.raw('id = 1'))],
);

/**
 * The keyed seal of each professional's row as the desk last wrote it: a version byte, a 16-byte
 * HMAC of the whole row, and a one-byte fingerprint per column (to name the field that changed).
 */
export const professionalSeals = sqliteTable('professional_seals', {
  id: integer('id').primaryKey(),
  seal: blob('seal', { mode: 'buffer' }).notNull(),
});

/** The same for each correction. */
export const correctionSeals = sqliteTable('correction_seals', {
  id: integer('id').primaryKey(),
  seal: blob('seal', { mode: 'buffer' }).notNull(),
});

/**
 * Batches (lotes) of corrections and CEP changes for Implanta, numbered per region and year
 * (`2026-0001`). A sealed batch never changes: its items and the identity snapshot below are fixed,
 * so every export of it is byte-identical.
 */
export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey(),
    /** The package's External-Identifier. */
    uuid: text('uuid').notNull().unique(),
    region: integer('region').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** `2026-0001`. */
    number: text('number').notNull(),
    state: text('state').$type<BatchState>().notNull().default('open'),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull(),
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
  },
  (t) => [
    uniqueIndex('batches_region_year_seq_idx').on(t.region, t.year, t.seq),
    uniqueIndex('batches_region_number_idx').on(t.region, t.number),
    index('batches_state_idx').on(t.state),
    check('batches_state', sql.raw(oneOf('state', BATCH_STATES))),
    check('batches_overdue_hours', sql.raw('overdue_hours BETWEEN 1 AND 8760')),
  ],
);

/** Who each sealed batch is about, as the registry said when it was sealed (CPF and name may change later). */
export const batchProfessionals = sqliteTable(
  'batch_professionals',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    professionalId: integer('professional_id').notNull(),
    cpf: text('cpf').notNull(),
    registrationNumber: text('registration_number').notNull(),
    name: text('name').notNull(),
    /** The CPF Implanta knows, when a CPF correction of this professional is not yet synced. */
    previousCpf: text('previous_cpf'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.professionalId] })],
);

/**
 * Database backups this desk made or verified (see db/backups/). The folder is the other source of
 * truth: a backup made elsewhere (the command line on another day, another desk) shows up too.
 */
export const backups = sqliteTable(
  'backups',
  {
    id: integer('id').primaryKey(),
    folder: text('folder').notNull(),
    fileName: text('file_name').notNull(),
    createdAt: text('created_at').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    encrypted: integer('encrypted').notNull().default(0),
    region: integer('region').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** JSON object: rows per table in the copy. */
    counts: text('counts').notNull(),
    /** What made it: the clerk (`manual`), the routine (`auto`), closing the app (`close`), the command line (`cli`); `found` in the folder. */
    trigger: text('trigger').notNull(),
    operator: text('operator'),
    verifiedAt: text('verified_at'),
    /** 1 verified sound, 0 failed its last verification, null never verified here. */
    verifyOk: integer('verify_ok'),
    /** Pinned backups are never removed by the routine's clean-up. */
    pinned: integer('pinned').notNull().default(0),
  },
  (t) => [
    uniqueIndex('backups_folder_file_idx').on(t.folder, t.fileName),
    index('backups_created_at_idx').on(t.createdAt),
    check('backups_trigger', sql.raw("trigger IN ('manual', 'auto', 'close', 'cli', 'found')")),
  ],
);

/** The backup routine: one row. A null folder means the default (Documents/CRESS Desk/Backups). */
export const backupSettings = sqliteTable(
  'backup_settings',
  {
    id: integer('id').primaryKey(),
    folder: text('folder'),
    keepLast: integer('keep_last').notNull().default(30),
    intervalHours: integer('interval_hours').notNull().default(24),
    onClose: integer('on_close').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
  },
  () => [
    check('backup_settings_single_row', sql.raw('id = 1')),
    check('backup_settings_keep_last', sql.raw('keep_last BETWEEN 1 AND 1000')),
    check('backup_settings_interval', sql.raw('interval_hours BETWEEN 1 AND 720')),
  ],
);

/** Spreadsheet imports (corrections, registry, CEP directory): one row per import written. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sheet: text('sheet').notNull(),
    format: text('format').notNull(),
    /** JSON: the header row as read, and the column → target mapping used. */
    headers: text('headers').notNull(),
    mapping: text('mapping').notNull(),
    operator: text('operator').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    rows: integer('rows').notNull(),
    accepted: integer('accepted').notNull(),
    unchanged: integer('unchanged').notNull(),
    rejected: integer('rejected').notNull(),
    /** Registry loads: rows loaded with a pendência, rows where a correction in flight was kept, conflicts. */
    flagged: integer('flagged').notNull().default(0),
    kept: integer('kept').notNull().default(0),
    conflicts: integer('conflicts').notNull().default(0),
    allOrNothing: integer('all_or_nothing').notNull().default(0),
    forced: integer('forced').notNull().default(0),
    state: text('state').notNull().default('done'),
    undoneAt: text('undone_at'),
  },
  (t) => [
    index('imports_sha256_idx').on(t.sha256, t.kind),
    check('imports_kind', sql.raw("kind IN ('corrections', 'registry', 'cep')")),
    check('imports_state', sql.raw("state IN ('done', 'undone')")),
    check('imports_counts', sql.raw('rows = accepted + unchanged + rejected')),
  ],
);

/** Each problem of a rejected row, with the row's cells (on its first problem) for the error report. */
export const importErrors = sqliteTable(
  'import_errors',
  {
    id: integer('id').primaryKey(),
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    /** JSON array of the row's cells as read. */
    rawRow: text('raw_row'),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.row)],
);

/** The column mapping a clerk chose, remembered for the next file with the same headers. */
export const importMappings = sqliteTable('import_mappings', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  headers: text('headers').notNull(),
  mapping: text('mapping').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** What is wrong with each record as stored (shared/rules/pendencies.ts), kept in step with every write. */
export const pendencies = sqliteTable(
  'pendencies',
  {
    id: integer('id').primaryKey(),
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id),
    code: text('code').notNull(),
    field: text('field'),
    message: text('message').notNull(),
    /** `rule`: recomputed from the record; `load`: a value the main system sent that could not be kept (e.g. an unknown UF). */
    source: text('source').notNull().default('rule'),
  },
  (t) => [
    index('pendencies_professional_idx').on(t.professionalId),
    index('pendencies_code_idx').on(t.code),
    check('pendencies_source', sql.raw("source IN ('rule', 'load')")),
  ],
);

/**
 * A registry load that brought a third value for a field with a correction in flight: the desk
 * kept the correction and the clerk chooses (keep it, or take the main system's value).
 */
export const registryConflicts = sqliteTable(
  'registry_conflicts',
  {
    id: integer('id').primaryKey(),
    importId: integer('import_id').references(() => imports.id),
    row: integer('row'),
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id),
    /** A correction field (`mother` for the mother fact). */
    field: text('field').notNull(),
    deskValue: text('desk_value'),
    fileValue: text('file_value'),
    correctionUuid: text('correction_uuid').notNull(),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
    /** `kept`: the correction stays; `file`: the main system's value was taken. */
    resolution: text('resolution'),
    operator: text('operator'),
  },
  (t) => [
    index('registry_conflicts_professional_idx').on(t.professionalId),
    index('registry_conflicts_open_idx').on(t.resolvedAt),
    check('registry_conflicts_resolution', sql.raw("resolution IS NULL OR resolution IN ('kept', 'file')")),
  ],
);

/**
 * Every change of a record's fields, whatever made it (form, correction import, registry load,
 * rejection, cancellation, conflict choice, DIP update from Implanta): the record's Histórico.
 */
export const recordHistory = sqliteTable(
  'record_history',
  {
    id: integer('id').primaryKey(),
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id),
    at: text('at').notNull(),
    operator: text('operator').notNull(),
    /** What made the change (see db/history.ts). */
    kind: text('kind').$type<HistoryKind>().notNull(),
    /** A correction field, `dipStatus`, or null for the whole record (created by a load). */
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** The correction, import or batch behind it, and a short note (Implanta's message, a reason). */
    correctionUuid: text('correction_uuid'),
    importId: integer('import_id'),
    batchId: integer('batch_id'),
    note: text('note'),
  },
  (t) => [index('record_history_professional_idx').on(t.professionalId, t.id)],
);
