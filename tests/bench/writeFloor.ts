// What the store alone costs a corrections import: as many corrections, history entries and
// changed records as the import wrote, written by SQLite itself from the store's own rows (INSERT …
// SELECT: no reading, no checking, no JavaScript per row), spread over the registry as the import's
// are, in the import's steps of 16 384 records, each sealed for the audit trail (db/auditSeals.ts)
// and committed. SQLite lets one writer write at a time, so no import of that file can take less
// than this; the import's line prints it beside SheetJS's time.
import { openJobConnection, WRITING_CACHE_KIB } from '../../db/connections';
import { sealWritten } from '../../db/audit';
import { writeTransaction } from '../../db/storeLock';

const STEP_RECORDS = 16_384;
const AT = '2026-01-05T12:00:00.000Z';

/** Milliseconds to write, into the store at `path`, what an import wrote: `corrections` of them, over `records` records. */
export function writeFloorMs(path: string, written: { corrections: number; records: number }): number {
  const db = openJobConnection(path, WRITING_CACHE_KIB);
  try {
    db.pragma('wal_autocheckpoint = 0');
    const total = (db.prepare('SELECT count(*) FROM professionals').pluck().get() as number) || 1;
    // Picks about `share` of the records, evenly over the registry: (id × share) mod total < share.
    const picked = (share: number) => `(id * ${Math.min(share, total)}) % ${total} < ${Math.min(share, total)}`;
    const corrections = db.prepare(
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, operator, created_at, status, source, import_id, import_row_version)
       SELECT printf('floor-%032d', id), id, 'email', email, 'novo' || id || '@exemplo.com.br', 'Importação', 'bench', '${AT}', 'pending', 'import', NULL, row_version
       FROM professionals WHERE id BETWEEN ? AND ? AND ${picked(written.corrections)}`,
    );
    const history = db.prepare(
      `INSERT INTO record_history (professional_id, at, operator, kind, field, old_value, new_value, correction_uuid, note)
       SELECT id, '${AT}', 'bench', 'correction', 'email', email, 'novo' || id || '@exemplo.com.br', printf('floor-%032d', id), 'Importação'
       FROM professionals WHERE id BETWEEN ? AND ? AND ${picked(written.corrections)}`,
    );
    const records = db.prepare(
      `UPDATE professionals SET email = 'novo' || id || '@exemplo.com.br', row_version = row_version + 1, updated_at = '${AT}'
       WHERE id BETWEEN ? AND ? AND ${picked(written.records)}`,
    );
    const last = db.prepare('SELECT max(id) FROM professionals').pluck().get() as number;
    const started = process.hrtime.bigint();
    for (let from = 1; from <= last; from += STEP_RECORDS) {
      const to = from + STEP_RECORDS - 1;
      writeTransaction(db, () => {
        corrections.run(from, to);
        history.run(from, to);
        records.run(from, to);
        sealWritten(db);
      });
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    db.close();
  }
}
