// Imports killed at random moments: a corrections spreadsheet, a registry refresh, and a registry
// load merged into records with corrections on their way (kept, conflicting and taken fields).
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { cpfCheckDigits } from '../../shared/rules/cpf';
import { runCli, type FaultCase } from './harness';
import { count, deskWith, read, settle, writeExcelCsv } from './stores';

const ROWS = 2000;

function importCase(kind: 'corrections' | 'registry', prepareFile: (store: string, dir: string) => string, inspect: FaultCase['inspect']): FaultCase {
  let file = '';
  return {
    operation: kind === 'corrections' ? 'importação de correções' : 'importação do cadastro',
    kills: 30,
    async prepare(dir) {
      const store = await deskWith(dir, ROWS + 500);
      file = prepareFile(store, dir);
      settle(store);
      return store;
    },
    args: () => ['import', kind, file],
    inspect,
  };
}

export const correctionsImport = importCase(
  'corrections',
  (store, dir) => {
    const people = read<{ cpf: string }>(store, 'SELECT cpf FROM professionals WHERE mother_name IS NOT NULL ORDER BY id LIMIT ?', ROWS);
    return writeExcelCsv(join(dir, 'correcoes.csv'), [
      'CPF;E-mail;Motivo;Documento',
      ...people.map((p, i) => `${p.cpf};importado.${i}@exemplo.com.br;Pedido do mês;Declaração`),
    ]);
  },
  (db: Database.Database) => {
    const corrections = count(db, "SELECT count(*) AS n FROM corrections WHERE source = 'import'");
    const imports = count(db, 'SELECT count(*) AS n FROM imports');
    const emails = count(db, "SELECT count(*) AS n FROM professionals WHERE email LIKE 'importado.%'");
    if (imports === 1 && corrections === ROWS && emails === ROWS) return { effect: 'whole' };
    if (imports === 0 && corrections === 0 && emails === 0) return { effect: 'none' };
    return { effect: `imports=${imports} corrections=${corrections} emails=${emails}` };
  },
);

/**
 * The same file written while it is read, in chunks of 100 rows: killed half-way, the store holds
 * part of it until the next program opens it and rolls it back.
 */
export const correctionsImportWrittenWhileRead: FaultCase = {
  ...correctionsImport,
  operation: 'importação de correções gravada durante a leitura',
  env: { CRESS_DESK_IMPORT_STEP_ROWS: '100' },
  seenAfterReopen: true,
};

export const registryImport = importCase(
  'registry',
  (_store, dir) =>
    writeExcelCsv(join(dir, 'cadastro.csv'), [
      'Registro;CPF;Nome;Nome da mãe;Município;UF;Situação do DIP',
      ...Array.from({ length: ROWS }, (_, i) => {
        const nine = String(100_000_000 + i * 7919).slice(0, 9);
        return `${90_000 + i};${nine}${cpfCheckDigits(nine)};Profissional Importada ${letters(i)};Mãe Importada ${letters(i)};São Paulo;SP;Não solicitado`;
      }),
    ]),
  (db: Database.Database) => {
    const added = count(db, "SELECT count(*) AS n FROM professionals WHERE name LIKE 'Profissional Importada %'");
    const imports = count(db, 'SELECT count(*) AS n FROM imports');
    if (imports === 1 && added === ROWS) return { effect: 'whole' };
    if (imports === 0 && added === 0) return { effect: 'none' };
    return { effect: `imports=${imports} added=${added}` };
  },
);

/** Records of the merge case: the first half of CORRECTED keep their correction, the second half conflict. */
const CORRECTED = 400;
const RELOADED_CITY = 'Cidade Recarregada';
let mergeFile = '';

export const registryMerge: FaultCase = {
  operation: 'recarga do cadastro com correções a caminho',
  kills: 30,
  async prepare(dir) {
    const store = await deskWith(dir, ROWS + 500);
    const people = read<{ registration: string; email: string }>(
      store,
      'SELECT registration_number AS registration, email FROM professionals WHERE email IS NOT NULL ORDER BY id LIMIT ?',
      ROWS,
    );
    // Corrections of the first records' e-mails, still pending when the main system's file arrives.
    const corrections = writeExcelCsv(join(dir, 'correcoes-email.csv'), [
      'Registro;E-mail;Motivo;Documento',
      ...people.slice(0, CORRECTED).map((p, i) => `${p.registration};corrigido.${i}@exemplo.com.br;Pedido do mês;Declaração`),
    ]);
    await runCli(['--db', store, 'import', 'corrections', corrections], null);
    mergeFile = writeExcelCsv(join(dir, 'recarga.csv'), [
      'Registro;E-mail;Município',
      ...people.map((p, i) => {
        if (i < CORRECTED / 2) return `${p.registration};${p.email};`; // the old e-mail: the desk keeps its correction
        if (i < CORRECTED) return `${p.registration};terceiro.${i}@exemplo.com.br;`; // a third e-mail: a conflict
        return `${p.registration};;${RELOADED_CITY}`; // taken from the file
      }),
    ]);
    settle(store);
    return store;
  },
  args: () => ['import', 'registry', mergeFile],
  inspect(db: Database.Database) {
    const loads = count(db, "SELECT count(*) AS n FROM imports WHERE kind = 'registry'");
    const conflicts = count(db, 'SELECT count(*) AS n FROM registry_conflicts');
    const moved = count(db, 'SELECT count(*) AS n FROM professionals WHERE city = ?', RELOADED_CITY);
    const loaded = count(db, 'SELECT count(*) AS n FROM professionals WHERE loaded_values IS NOT NULL');
    const history = count(db, "SELECT count(*) AS n FROM record_history WHERE kind = 'registry_load'");
    const kept = count(db, "SELECT count(*) AS n FROM professionals WHERE email LIKE 'corrigido.%'");
    const pending = count(db, "SELECT count(*) AS n FROM corrections WHERE status = 'pending' AND source = 'import'");
    if (kept !== CORRECTED || pending !== CORRECTED) return { effect: `corrections touched: kept=${kept} pending=${pending}` };
    const taken = ROWS - CORRECTED;
    if (loads === 1 && conflicts === CORRECTED / 2 && moved === taken && loaded === ROWS && history === taken) return { effect: 'whole' };
    if (loads === 0 && conflicts === 0 && moved === 0 && loaded === 0 && history === 0) return { effect: 'none' };
    return { effect: `loads=${loads} conflicts=${conflicts} moved=${moved} loaded=${loaded} history=${history}` };
  },
};

function letters(i: number): string {
  const a = 'abcdefghij';
  return String(i)
    .split('')
    .map((d) => a[Number(d)])
    .join('')
    .replace(/^./, (c) => c.toUpperCase());
}
