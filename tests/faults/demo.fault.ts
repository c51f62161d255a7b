// Demo records generated in bulk, killed at random moments: their search index and seal queue are
// filled after the rows, with those triggers dropped inside the transaction (db/bulkTriggers.ts).
import type Database from 'better-sqlite3';
import type { FaultCase } from './harness';
import { count, deskWith, settle } from './stores';

const BEFORE = 500;
const ADDED = 20_000;

export const demoGeneration: FaultCase = {
  operation: 'geração de dados de demonstração',
  kills: 20,
  async prepare(dir) {
    const store = await deskWith(dir, BEFORE);
    return settle(store);
  },
  args: () => ['demo', '--professionals', String(ADDED), '--seed', '11'],
  inspect: (db: Database.Database) => {
    const records = count(db, 'SELECT count(*) AS n FROM professionals');
    const indexed = count(db, 'SELECT count(*) AS n FROM professionals_fts');
    if (indexed !== records) return { effect: `records=${records} indexed=${indexed}` };
    if (records === BEFORE + ADDED) return { effect: 'whole' };
    if (records === BEFORE) return { effect: 'none' };
    return { effect: `records=${records}` };
  },
};
