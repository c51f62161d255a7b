// What the desk changes and sends to Implanta: corrections of a record's fields, and the CEP
// directory the council keeps with its own queue of changes.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CORRECTION_SOURCES, CORRECTION_STATUSES, DIP_CONSEQUENCES, EVIDENCE_ARRIVALS, REJECTION_RESOLUTIONS } from '../../shared/domain';
import { digitsOnly, inVocabulary } from './checks';
import { made, madeAndUpdated, rejectionResolution, rowId, wordOf } from './columns';
import { professionalRef } from './registry';

export const corrections = sqliteTable(
  'corrections',
  {
    id: rowId(),
    uuid: text('uuid').notNull().unique(),
    professionalId: professionalRef(),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason').notNull(),
    evidenceKind: text('evidence_kind'),
    evidenceArrival: wordOf('evidence_arrival', EVIDENCE_ARRIVALS),
    evidenceDate: text('evidence_date'),
    evidenceNote: text('evidence_note'),
    ...made(),
    status: wordOf('status', CORRECTION_STATUSES).notNull().default('pending'),
    statusMessage: text('status_message'),
    statusChangedAt: text('status_changed_at'),
    source: wordOf('source', CORRECTION_SOURCES).notNull().default('manual'),
    dipConsequence: wordOf('dip_consequence', DIP_CONSEQUENCES).notNull().default('none'),
    // Columns are only ever appended, in the order migrations add them: row seals cover them in
    // this order (db/auditSeals.ts; a test compares it with the table).
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
    ...rejectionResolution(REJECTION_RESOLUTIONS),
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
    inVocabulary('corrections', 'status', CORRECTION_STATUSES),
    inVocabulary('corrections', 'source', CORRECTION_SOURCES),
    inVocabulary('corrections', 'dip_consequence', DIP_CONSEQUENCES),
    inVocabulary('corrections', 'resolution', REJECTION_RESOLUTIONS, true),
    inVocabulary('corrections', 'evidence_arrival', EVIDENCE_ARRIVALS, true),
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
    ...madeAndUpdated(),
  },
  () => [digitsOnly('cep_directory', 'cep', 8)],
);

/** Every CEP directory change, queued for Implanta like a correction. */
export const cepChanges = sqliteTable(
  'cep_changes',
  {
    id: rowId(),
    uuid: text('uuid').notNull().unique(),
    cep: text('cep').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value').notNull(),
    reason: text('reason').notNull(),
    ...made(),
    status: text('status').notNull().default('pending'),
    statusMessage: text('status_message'),
    batchId: integer('batch_id'),
    /** The spreadsheet import that made this change, if any. */
    importId: integer('import_id'),
    /** A rejection the clerk dealt with (see corrections). */
    ...rejectionResolution(),
  },
  (t) => [
    index('cep_changes_cep_idx').on(t.cep),
    index('cep_changes_import_idx').on(t.importId),
    index('cep_changes_status_idx').on(t.status),
    index('cep_changes_batch_idx').on(t.batchId),
    inVocabulary('cep_changes', 'status', CORRECTION_STATUSES),
  ],
);
