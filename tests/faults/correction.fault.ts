// A manual correction (the mother flag clears the name: one item of the mother fact, the record, its
// history and pendências, the audit entry) killed at random moments.
import type Database from 'better-sqlite3';
import type { FaultCase } from './harness';
import { motherFlagCorrection } from './stores';

const correction = motherFlagCorrection();

export const manualCorrection: FaultCase = {
  operation: 'correção manual',
  kills: 30,
  prepare: correction.prepare,
  args: correction.args,
  inspect(db: Database.Database) {
    const record = db.prepare('SELECT mother_not_listed AS flag, mother_name AS name, row_version AS v FROM professionals WHERE registration_number = ?').get(correction.target()) as {
      flag: number;
      name: string | null;
      v: number;
    };
    const corrections = (db.prepare("SELECT count(*) AS n FROM corrections WHERE field = 'mother'").get() as { n: number }).n;
    const history = (db.prepare("SELECT count(*) AS n FROM record_history WHERE kind = 'correction'").get() as { n: number }).n;
    const audit = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'correction.save'").get() as { n: number }).n;
    if (record.flag === 1 && record.name === null && record.v === 2 && corrections === 1 && history === 1 && audit === 1) return { effect: 'whole' };
    if (record.flag === 0 && record.name !== null && record.v === 1 && corrections === 0 && history === 0 && audit === 0) return { effect: 'none' };
    return { effect: `flag=${record.flag} name=${record.name ? 'set' : 'null'} v=${record.v} corrections=${corrections} history=${history} audit=${audit}` };
  },
};
