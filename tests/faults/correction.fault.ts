// A manual correction (the mother flag clears the name: one item of the mother fact, the record, its
// history and pendências, the audit entry) killed at random moments.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openRawStore } from '../rawStore';
import { runCli, type FaultCase } from './harness';

let target = '';

export const manualCorrection: FaultCase = {
  operation: 'correção manual',
  kills: 30,
  async prepare(dir) {
    const base = join(dir, 'base');
    mkdirSync(base);
    const store = join(base, 'store.sqlite');
    await runCli(['--db', store, 'init', '--region', '9', '--operator', 'Ana Souza'], null);
    await runCli(['--db', store, 'demo', '--professionals', '300', '--seed', '4'], null);
    const db = openRawStore(store);
    target = (
      db.prepare("SELECT registration_number AS r FROM professionals WHERE mother_name IS NOT NULL AND dip_status IN ('none','requested') LIMIT 1").get() as {
        r: string;
      }
    ).r;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return store;
  },
  args: () => ['correct', target, '--field', 'motherNotListed', '--value', 'sim', '--reason', 'RG sem filiação materna', '--evidence', 'RG'],
  inspect(db: Database.Database) {
    const record = db.prepare('SELECT mother_not_listed AS flag, mother_name AS name, row_version AS v FROM professionals WHERE registration_number = ?').get(target) as {
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
