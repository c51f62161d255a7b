// A lote sealed for good (the records' identities copied into it, its state, the audit entry)
// killed at random moments: the next program finds it open with nothing copied, or sealed whole.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { runCli, type FaultCase } from './harness';
import { count, deskWith, read, settle, writeExcelCsv } from './stores';

const PROFESSIONALS = 3000;

export const batchSeal: FaultCase = {
  operation: 'selagem de lote',
  kills: 12,
  async prepare(dir) {
    const store = await deskWith(dir, PROFESSIONALS);
    const registrations = read<{ r: string }>(store, 'SELECT registration_number AS r FROM professionals ORDER BY id').map((p) => p.r);
    const file = writeExcelCsv(join(dir, 'emails.csv'), ['Registro;E-mail;Motivo', ...registrations.map((r, i) => `${r};selagem.${i}@exemplo.com.br;Pedido`)]);
    await runCli(['--db', store, 'import', 'corrections', file], null);
    await runCli(['--db', store, 'batch', 'create'], null);
    return settle(store);
  },
  args: () => ['batch', 'seal', '1'],
  inspect(db: Database.Database) {
    const batch = db.prepare('SELECT state, sealed_at AS sealedAt FROM batches WHERE id = 1').get() as { state: string; sealedAt: string | null };
    const copied = count(db, 'SELECT count(*) AS n FROM batch_professionals WHERE batch_id = 1');
    const audit = count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'batch.seal'");
    const items = count(db, 'SELECT count(*) AS n FROM corrections WHERE batch_id = 1');
    if (items !== PROFESSIONALS) return { effect: `items=${items}` };
    if (batch.state === 'sealed' && batch.sealedAt !== null && copied === PROFESSIONALS && audit === 1) return { effect: 'whole' };
    if (batch.state === 'open' && batch.sealedAt === null && copied === 0 && audit === 0) return { effect: 'none' };
    return { effect: `state=${batch.state} copied=${copied} audit=${audit}` };
  },
};
