// The registry as the desk keeps it: the desk's settings, the professionals, what is wrong with
// each record (pendências), the main system's values in conflict with a correction on its way, and
// every change of a record's fields.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CONFLICT_CHOICES, DIP_STATUSES, PENDENCY_SOURCES } from '../../shared/domain';
import type { HistoryKind } from '../recordHistory';
import { digitsOnly, inVocabulary } from './checks';
import { madeAndUpdated, rowId, rowOf, singleRow, timelineEntry, timestamps } from './columns';
import { imports } from './imports';

export const settings = sqliteTable(
  'settings',
  {
    id: rowId(),
    region: integer('region').notNull(),
    uf: text('uf').notNull(),
    seccional: text('seccional'),
    ...madeAndUpdated(),
    /** The council's admin PIN (a slow hash, db/pinHash.ts): resets an operator's PIN; null until set. */
    adminPinHash: text('admin_pin_hash'),
    /** Wrong admin PINs in a row, and until when the admin PIN is refused after too many (db/operators.ts). */
    adminFailedPins: integer('admin_failed_pins').notNull().default(0),
    adminLockedUntil: text('admin_locked_until'),
  },
  () => [singleRow('settings'), check('settings_region', sql.raw('region BETWEEN 1 AND 27'))],
);

export const professionals = sqliteTable(
  'professionals',
  {
    id: rowId(),
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
    ...timestamps(),
    // Columns added by later migrations: always at the end, in the order they were added. Row seals
    // cover the columns in this order (db/auditSeals.ts; a test compares it with the table).
    /** When the desk learnt the DIP status: a registry load, or Implanta's answer to a batch. */
    dipStatusAt: text('dip_status_at'),
    /**
     * JSON object: each field's value as the council's main system last loaded it, the base of the
     * three-way merge of the next registry load (docs/store.md). Null for records made on the desk.
     */
    loadedValues: text('loaded_values'),
  },
  (t) => [
    index('professionals_name_folded_idx').on(t.nameFolded),
    // Lets a name search sort its full-text hits by name without reading whole rows.
    index('professionals_id_name_idx').on(t.id, t.nameFolded),
    // EMAIL_SHARED: who else has this address, without reading the registry (db/pendencies.ts).
    index('professionals_email_idx').on(t.email),
    digitsOnly('professionals', 'cpf', 11),
    check('professionals_mother_flag', sql.raw('mother_not_listed IN (0, 1)')),
    // Seed case F: never both the mother's name and "Não consta mãe".
    check('professionals_mother_rule', sql.raw('NOT (mother_not_listed = 1 AND mother_name IS NOT NULL)')),
    inVocabulary('professionals', 'dip_status', DIP_STATUSES),
  ],
);

/** The professional a row is about: a required reference to the registry. */
export function professionalRef() {
  return rowOf('professional_id', () => professionals.id);
}

/** What is wrong with each record as stored (shared/rules/pendencies.ts), kept in step with every write. */
export const pendencies = sqliteTable(
  'pendencies',
  {
    id: rowId(),
    professionalId: professionalRef(),
    code: text('code').notNull(),
    field: text('field'),
    message: text('message').notNull(),
    /** `rule`: recomputed from the record; `load`: a value the main system sent that could not be kept (e.g. an unknown UF). */
    source: text('source').notNull().default('rule'),
    /** The notice's case (A–G) the pendência belongs to (shared/rules/pendencyCases.ts). */
    caseLetter: text('case_letter').notNull().default('G'),
    /** What the value probably should be (an e-mail provider misspelt), if the rule knows. */
    suggestion: text('suggestion'),
  },
  (t) => [
    index('pendencies_professional_idx').on(t.professionalId),
    index('pendencies_code_idx').on(t.code),
    index('pendencies_case_idx').on(t.caseLetter),
    inVocabulary('pendencies', 'source', PENDENCY_SOURCES),
  ],
);

/**
 * A registry load that brought a third value for a field with a correction in flight: the desk
 * kept the correction and the clerk chooses (keep it, or take the main system's value).
 */
export const registryConflicts = sqliteTable(
  'registry_conflicts',
  {
    id: rowId(),
    importId: integer('import_id').references(() => imports.id),
    row: integer('row'),
    professionalId: professionalRef(),
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
    /** The correction whose value closed it without a choice (the record came to the file's value); its cancellation opens it again. */
    closedBy: text('closed_by'),
  },
  (t) => [
    index('registry_conflicts_professional_idx').on(t.professionalId),
    index('registry_conflicts_open_idx').on(t.resolvedAt),
    inVocabulary('registry_conflicts', 'resolution', CONFLICT_CHOICES, true),
  ],
);

/**
 * Every change of a record's fields, whatever made it (form, correction import, registry load,
 * rejection, cancellation, conflict choice, DIP update from Implanta): the record's Histórico.
 */
export const recordHistory = sqliteTable(
  'record_history',
  {
    id: rowId(),
    professionalId: professionalRef(),
    /** Its kind says what made the change (db/recordHistory.ts). */
    ...timelineEntry<HistoryKind>(),
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
  (t) => [
    index('record_history_professional_idx').on(t.professionalId, t.id),
    // The few records whose CPF the main system changed: every lote looks them up (db/batches/heldBack.ts),
    // which otherwise read the whole history, millions of rows on a national store.
    index('record_history_cpf_from_file_idx').on(t.professionalId).where(sql.raw("field = 'cpf' AND kind IN ('registry_load', 'conflict_file')")),
  ],
);
