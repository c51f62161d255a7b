// Two programs on one store at once: the browser host importing a corrections spreadsheet while the
// command line loads the main system's registry file for the same people, and the other way round.
// Whatever the order their writes land in, the store ends as if one had run after the other: each
// row of the corrections file is either a correction on its record — standing in a conflict with the
// registry's value when the load came after it — or a row refused in words because the load changed
// its record meanwhile; no correction is lost under the registry's value, no conflict is missed.
// When the load changes another field than the one the rows correct, every row is still right:
// each is written, whatever the order — none is refused for a change it does not touch.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRawRows } from '../rawStore';
import { cliDesk, cliOn, initDesk } from './command';
import { cliAsync, startHostProcess, type HostProcess } from './processes';
import { settle, writeExcelCsv } from '../faults/stores';

const PEOPLE = 2000;
// Two rows a step: the import lasts long enough for the other program's start and load to land among its steps on a busy machine.
const STEPS = { CRESS_DESK_IMPORT_STEP_ROWS: '2' };

const desk = cliDesk('cress-import-beside-load-', (d) => initDesk(d, { professionals: PEOPLE + 500, seed: 8 }), 120_000);

interface Person {
  id: number;
  cpf: string;
  registration: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The registry's phone of the i-th person of a file (a mobile number). */
const loadedPhone = (i: number) => `619${String(80_000_000 + i)}`;

/**
 * A copy of the desk's store in a folder of its own, with the two files: new e-mails by CPF, the
 * registry's e-mails (or phones, `loads`) by registration number.
 */
function scene(name: string, loads: 'email' | 'phone' = 'email'): { store: string; people: Person[]; corrections: string; registry: string } {
  const folder = join(desk.dir, name);
  mkdirSync(folder, { recursive: true });
  const store = join(folder, 'store.sqlite');
  copyFileSync(settle(desk.store), store);
  const people = readRawRows<Person>(store, 'SELECT id, cpf, registration_number AS registration FROM professionals ORDER BY id LIMIT ?', [PEOPLE]);
  const corrections = writeExcelCsv(join(desk.dir, `${name}-correcoes.csv`), ['CPF;E-mail;Motivo', ...people.map((p, i) => `${p.cpf};corrigido.${i}@exemplo.com.br;Pedido do mês`)]);
  const registry = writeExcelCsv(
    join(desk.dir, `${name}-cadastro.csv`),
    loads === 'email' ? ['Registro;E-mail', ...people.map((p, i) => `${p.registration};cadastro.${i}@exemplo.com.br`)] : ['Registro;Telefone', ...people.map((p, i) => `${p.registration};${loadedPhone(i)}`)],
  );
  return { store, people, corrections, registry };
}

/** Starts a job on the host with an uploaded file and follows it to its end. */
async function hostJob(host: HostProcess, channel: string, file: string, kind: 'corrections' | 'registry'): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const uploaded = await host.upload(file.replace(/^.*[\\/]/, ''), readFileSync(file));
  const started = await host.invoke(channel, { path: uploaded.handle, name: uploaded.name, kind, dipAcknowledged: true });
  if (!started.ok) return started;
  const jobId = (started.value as { jobId: string }).jobId;
  for (;;) {
    const status = (await host.invoke('jobs:status', { id: jobId })).value as { state: string; result?: unknown; error?: unknown };
    if (status.state === 'done') return { ok: true, value: status.result };
    if (status.state !== 'running') return { ok: false, error: status.error };
    await sleep(50);
  }
}

/** Waits until the corrections import has written its first steps (and has more to write: ten rows a step). */
async function importWriting(store: string): Promise<void> {
  for (let tries = 0; tries < 3000; tries++) {
    if ((readRawRows<{ n: number }>(store, "SELECT count(*) AS n FROM corrections WHERE source = 'import'")[0]?.n ?? 0) > 0) return;
    await sleep(10);
  }
}

type Imported = { accepted: number; rejected: number };

/** What each person of the files ended with, as one of the outcomes a run one after the other gives; the others listed. */
function outcomes(store: string, people: Person[]): { correctedThenLoaded: number; loadedThenCorrected: number; refusedRow: number; wrong: string[] } {
  const email = new Map(readRawRows<{ id: number; email: string | null }>(store, 'SELECT id, email FROM professionals').map((r) => [r.id, r.email]));
  const corrections = new Map(
    readRawRows<{ professional: number; old: string | null; new: string | null }>(
      store,
      "SELECT professional_id AS professional, old_value AS old, new_value AS new FROM corrections WHERE source = 'import' AND field = 'email' AND status = 'pending'",
    ).map((c) => [c.professional, c]),
  );
  const conflicts = new Map(
    readRawRows<{ professional: number; file: string | null }>(store, "SELECT professional_id AS professional, file_value AS file FROM registry_conflicts WHERE field = 'email' AND resolved_at IS NULL").map((c) => [
      c.professional,
      c.file,
    ]),
  );
  const result = { correctedThenLoaded: 0, loadedThenCorrected: 0, refusedRow: 0, wrong: [] as string[] };
  people.forEach((p, i) => {
    const corrected = `corrigido.${i}@exemplo.com.br`;
    const loaded = `cadastro.${i}@exemplo.com.br`;
    const correction = corrections.get(p.id);
    const conflict = conflicts.get(p.id);
    if (correction && email.get(p.id) === corrected && conflict === loaded) result.correctedThenLoaded++;
    else if (correction && email.get(p.id) === corrected && conflict === undefined && correction.old === loaded) result.loadedThenCorrected++;
    else if (!correction && email.get(p.id) === loaded && conflict === undefined) result.refusedRow++;
    else result.wrong.push(`${p.registration}: e-mail ${email.get(p.id)}, correction ${JSON.stringify(correction ?? null)}, conflict ${conflict ?? null}`);
  });
  return result;
}

function expectSerial(store: string, people: Person[], imported: Imported, importErrors: number): void {
  const seen = outcomes(store, people);
  expect(seen.wrong.slice(0, 5)).toEqual([]);
  // The load came while the import was being written: after some of its steps.
  expect(seen.correctedThenLoaded).toBeGreaterThan(0);
  // Every refused row was said, with its reason, and counted.
  expect(imported.rejected).toBe(seen.refusedRow);
  expect(importErrors).toBe(seen.refusedRow);
  expect(imported.accepted).toBe(seen.correctedThenLoaded + seen.loadedThenCorrected);
  expect(cliOn(() => store).run('audit', 'verify').code).toBe(0);
}

/** The host imports the corrections while the command line loads the registry (`loads`): the import's summary. */
async function hostImportsWhileCliLoads(name: string, loads: 'email' | 'phone'): Promise<{ store: string; people: Person[]; imported: Imported }> {
  const { store, people, corrections, registry } = scene(name, loads);
  const host = await startHostProcess(store, undefined, STEPS);
  try {
    const importing = hostJob(host, 'imports:run', corrections, 'corrections');
    await importWriting(store);
    const load = await cliAsync(store, ['import', 'registry', registry]);
    const imported = await importing;
    expect(load.code, load.stderr).toBe(0);
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    return { store, people, imported: imported.value as Imported };
  } finally {
    await host.stop();
  }
}

/** The host loads the registry (`loads`) while the command line imports the corrections: the import's summary and exit code. */
async function hostLoadsWhileCliImports(name: string, loads: 'email' | 'phone'): Promise<{ store: string; people: Person[]; imported: Imported; code: number | null; stderr: string }> {
  const { store, people, corrections, registry } = scene(name, loads);
  const host = await startHostProcess(store);
  try {
    const importing = cliAsync(store, ['--json', 'import', 'corrections', corrections], STEPS);
    await importWriting(store);
    const load = await hostJob(host, 'imports:run', registry, 'registry');
    const imported = await importing;
    expect(load.ok, JSON.stringify(load.error)).toBe(true);
    expect(imported.stdout, imported.stderr).not.toBe('');
    return { store, people, imported: JSON.parse(imported.stdout) as Imported, code: imported.code, stderr: imported.stderr };
  } finally {
    await host.stop();
  }
}

const refusedRows = (store: string) => readRawRows<{ n: number }>(store, "SELECT count(*) AS n FROM import_errors WHERE code = 'VERSION_CONFLICT'")[0]?.n ?? 0;

describe('a corrections import and a registry load of the same people at once', () => {
  it('the host imports the corrections while the command line loads the registry: as if one ran after the other', async () => {
    const { store, people, imported } = await hostImportsWhileCliLoads('host-importa', 'email');
    expectSerial(store, people, imported, refusedRows(store));
  }, 120_000);

  it('the host loads the registry while the command line imports the corrections: as if one ran after the other', async () => {
    const { store, people, imported, code, stderr } = await hostLoadsWhileCliImports('host-carrega', 'email');
    expect([0, 1], stderr).toContain(code);
    expectSerial(store, people, imported, refusedRows(store));
  }, 120_000);
});

/** Every row written as checked beside a load of phones that landed among the import's writes; nothing refused, nothing in conflict. */
function expectAllWritten(store: string, people: Person[], imported: Imported): void {
  const history = readRawRows<{ kind: string; first: number; last: number }>(
    store,
    "SELECT kind, min(id) AS first, max(id) AS last FROM record_history WHERE kind IN ('correction_import', 'registry_load') GROUP BY kind",
  );
  const imported_ = history.find((h) => h.kind === 'correction_import');
  const loaded = history.find((h) => h.kind === 'registry_load');
  // The load landed while the import was being written.
  expect(loaded && imported_ && imported_.first < loaded.first && loaded.first < imported_.last, JSON.stringify(history)).toBe(true);
  expect(readRawRows(store, "SELECT row, message FROM import_errors WHERE code = 'VERSION_CONFLICT' LIMIT 3")).toEqual([]);
  expect(imported).toMatchObject({ accepted: people.length, rejected: 0 });
  const records = new Map(readRawRows<{ id: number; email: string | null; phone: string | null }>(store, 'SELECT id, email, phone FROM professionals').map((r) => [r.id, r]));
  const pending = new Set(readRawRows<{ id: number }>(store, "SELECT professional_id AS id FROM corrections WHERE source = 'import' AND field = 'email' AND status = 'pending'").map((r) => r.id));
  const wrong = people.filter((p, i) => {
    const record = records.get(p.id);
    return record?.email !== `corrigido.${i}@exemplo.com.br` || (record.phone ?? '').replace(/\D/g, '') !== loadedPhone(i) || !pending.has(p.id);
  });
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(readRawRows(store, 'SELECT id FROM registry_conflicts WHERE resolved_at IS NULL LIMIT 3')).toEqual([]);
  expect(cliOn(() => store).run('audit', 'verify').code).toBe(0);
}

describe('a corrections import and a registry load of other fields of the same people at once', () => {
  it('the host imports the e-mails while the command line loads the phones: every row written', async () => {
    const { store, people, imported } = await hostImportsWhileCliLoads('host-importa-telefones', 'phone');
    expectAllWritten(store, people, imported);
  }, 120_000);

  it('the host loads the phones while the command line imports the e-mails: every row written', async () => {
    const { store, people, imported, code, stderr } = await hostLoadsWhileCliImports('host-carrega-telefones', 'phone');
    expect(code, stderr).toBe(0);
    expectAllWritten(store, people, imported);
  }, 120_000);
});
