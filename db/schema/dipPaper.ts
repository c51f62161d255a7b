// The DIP's paper side: each item (signed form, 3×4 photo, payment receipt) the council received
// for a professional, when and how. A row is never deleted: undoing an arrival marks it undone, so
// a sealed lote can always say which items had arrived when it was sealed (docs/batch-format.md).
import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DIP_PAPER_ITEMS, DIP_PAPER_WAYS } from '../../shared/domain';
import { inVocabulary } from './checks';
import { rowId, wordOf } from './columns';
import { professionalRef } from './registry';

export const dipPaperItems = sqliteTable(
  'dip_paper_items',
  {
    id: rowId(),
    professionalId: professionalRef(),
    item: wordOf('item', DIP_PAPER_ITEMS).notNull(),
    /** The day it arrived (YYYY-MM-DD), as the clerk read it on the envelope or the counter. */
    arrivedOn: text('arrived_on').notNull(),
    way: wordOf('way', DIP_PAPER_WAYS).notNull(),
    operator: text('operator').notNull(),
    recordedAt: text('recorded_at').notNull(),
    /** Set when the clerk undid the arrival (recorded by mistake); the row stays. */
    undoneAt: text('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [
    index('dip_paper_items_professional_idx').on(t.professionalId),
    // At most one standing arrival of each item per professional.
    uniqueIndex('dip_paper_items_standing_idx').on(t.professionalId, t.item).where(sql`undone_at IS NULL`),
    inVocabulary('dip_paper_items', 'item', DIP_PAPER_ITEMS),
    inVocabulary('dip_paper_items', 'way', DIP_PAPER_WAYS),
  ],
);
