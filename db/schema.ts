// The store's tables as drizzle sees them. `npx drizzle-kit generate` turns changes here into SQL
// migrations in db/migrations; what drizzle cannot express (full-text index, triggers) lives in
// the custom migration `search_and_audit`.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CORRECTION_SOURCES, CORRECTION_STATUSES, DIP_CONSEQUENCES, DIP_STATUSES, EVIDENCE_ARRIVALS } from '../shared/domain';

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
    evidenceArrival: text('evidence_arrival'),
    evidenceDate: text('evidence_date'),
    evidenceNote: text('evidence_note'),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status').notNull().default('pending'),
    statusMessage: text('status_message'),
    statusChangedAt: text('status_changed_at'),
    source: text('source').notNull().default('manual'),
    dipConsequence: text('dip_consequence').notNull().default('none'),
    // Filled by later features (batches for Implanta, spreadsheet imports); no foreign key yet.
    batchId: integer('batch_id'),
    importId: integer('import_id'),
  },
  (t) => [
    index('corrections_status_idx').on(t.status),
    index('corrections_professional_idx').on(t.professionalId),
    index('corrections_created_at_idx').on(t.createdAt),
    index('corrections_field_idx').on(t.field),
    check('corrections_status', CHANGE_STATUS_SQL),
    check('corrections_source', sql.raw(oneOf('source', CORRECTION_SOURCES))),
    check('corrections_dip_consequence', sql.raw(oneOf('dip_consequence', DIP_CONSEQUENCES))),
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
  },
  (t) => [index('cep_changes_cep_idx').on(t.cep), index('cep_changes_status_idx').on(t.status), check('cep_changes_status', CHANGE_STATUS_SQL)],
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
  },
  () => [check('audit_anchor_single_row', sql.raw('id = 1'))],
);
