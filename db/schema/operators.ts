// Who works at the desk: the operators that sign the audit trail, each with a short PIN kept as a
// slow hash (db/pinHash.ts). An operator is disabled, never deleted: the trail names them.
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { rowId } from './columns';

export const operators = sqliteTable(
  'operators',
  {
    id: rowId(),
    name: text('name').notNull().unique(),
    /** `scrypt$N$r$p$salt$hash` (base64); null until the operator's first session sets it. */
    pinHash: text('pin_hash'),
    createdAt: text('created_at').notNull(),
    disabledAt: text('disabled_at'),
    /** Wrong PINs in a row; the fifth makes the operator wait (`locked_until`). */
    failedPins: integer('failed_pins').notNull().default(0),
    lockedUntil: text('locked_until'),
  },
  () => [check('operators_name_length', sql.raw('length(name) BETWEEN 2 AND 80'))],
);
