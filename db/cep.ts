// The council's own CEP directory: CEPs the Correios ranges check cannot confirm, added or fixed
// by clerks. Every save queues a change for Implanta, like a correction.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../shared/contract';
import type { CepEntry } from '../shared/contract/cep';
import type { Uf } from '../shared/domain';
import { AppError } from '../shared/errors';
import { FIELDS } from '../shared/fields';
import { formatCep, parseCep, ufOfCep } from '../shared/rules/cep';
import { parseText } from '../shared/rules/names';
import { cityNotInUf } from '../shared/reference/municipalities';
import { parseUf } from '../shared/rules/vocabulary';
import { digitsOnly, foldForSearch } from '../shared/text';
import { appendAudit } from './audit';
import { rejectedDataStillHeld, resolveCepRejectionsBy } from './cepRejections';
import { requireSettings } from './settings';
import { statement } from './statements';
import { writeTransaction } from './storeLock';
import { refreshRecordsWithCeps } from './cepPendencies';

/** The address part of an entry, as stored in a queued change. */
interface CepAddress {
  street: string;
  district: string;
  city: string;
  uf: Uf;
}

/**
 * An entry in the contract's names, with the status of its latest queued change; an entry without
 * one came from Implanta itself (synced).
 */
const ENTRY_SQL = `SELECT d.cep, d.street, d.district, d.city, d.uf, d.updated_at AS updatedAt, d.operator,
  coalesce((SELECT c.status FROM cep_changes c WHERE c.cep = d.cep ORDER BY c.id DESC LIMIT 1), 'synced') AS status,
  (SELECT CASE WHEN c.status = 'rejected' THEN c.status_message END FROM cep_changes c WHERE c.cep = d.cep ORDER BY c.id DESC LIMIT 1) AS statusMessage
  FROM cep_directory d`;

export function directoryUfOf(db: Database, cep: string): Uf | null {
  return (statement<{ uf: string }>(db, 'SELECT uf FROM cep_directory WHERE cep = ?').get(cep)?.uf as Uf | undefined) ?? null;
}

/** Street and district may stay empty: a small town has one CEP for the whole municipality. */
function addressText(value: string, field: 'street' | 'district' | 'city', required: boolean): string {
  const label = FIELDS[field].label;
  const parsed = parseText(value, FIELDS[field].maxLength);
  if (!parsed.ok) throw new AppError(parsed.code, `${label}: ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}`, { field });
  if (required && parsed.value === '') throw new AppError('VALUE_REQUIRED', `${label} é obrigatório: informe o ${label.toLowerCase()} deste CEP.`, { field });
  return parsed.value;
}

export function saveCep(db: Database, input: ParsedInput<'cep:save'>, now: string): { entry: CepEntry; created: boolean; refusedBefore: string | null } {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const cep = parseCep(input.cep);
    if (!cep.ok) throw new AppError(cep.code, cep.message, { field: 'cep' });
    const uf = parseUf(input.uf);
    if (!uf.ok) throw new AppError(uf.code, uf.message, { field: 'uf' });
    const address: CepAddress = {
      street: addressText(input.street, 'street', false),
      district: addressText(input.district, 'district', false),
      city: addressText(input.city, 'city', true),
      uf: uf.value,
    };
    // A CEP outside every Correios range may be a new one the clerk knows; one inside another
    // UF's range is a typing mistake.
    const rangeUf = ufOfCep(cep.value);
    if (rangeUf !== null && rangeUf !== uf.value) {
      throw new AppError(
        'CEP_UF_MISMATCH',
        `O CEP ${formatCep(cep.value)} é da faixa de ${rangeUf}, não de ${uf.value}. Confira o CEP e a UF.`,
        { field: 'cep' },
      );
    }
    // The correction form fills an address from this entry: its município must be one of its UF.
    const elsewhere = cityNotInUf(address.city, uf.value);
    if (elsewhere !== null) throw new AppError('CITY_UNKNOWN', elsewhere, { field: 'city' });
    const reason = input.reason.trim();
    if (reason.length < 5) throw new AppError('REASON_REQUIRED', 'Informe o motivo (pelo menos 5 caracteres).', { field: 'reason' });

    const previous = statement<CepEntry>(db, `${ENTRY_SQL} WHERE d.cep = ?`).get(cep.value);
    const before: CepAddress | null = previous
      ? { street: previous.street, district: previous.district, city: previous.city, uf: previous.uf }
      : null;
    // The same data again after Implanta rejected it is the clerk sending it again.
    const resent = before && JSON.stringify(before) === JSON.stringify(address) ? rejectedDataStillHeld(db, cep.value, address) : null;
    if (before && JSON.stringify(before) === JSON.stringify(address) && !resent) {
      throw new AppError('NO_CHANGE', `Nada mudou: o CEP ${formatCep(cep.value)} já está cadastrado com esses dados.`);
    }

    statement(
      db,
      `INSERT INTO cep_directory (cep, street, district, city, uf, operator, created_at, updated_at)
       VALUES (@cep, @street, @district, @city, @uf, @operator, @now, @now)
       ON CONFLICT (cep) DO UPDATE SET street = excluded.street, district = excluded.district, city = excluded.city,
         uf = excluded.uf, operator = excluded.operator, updated_at = excluded.updated_at`,
    ).run({ cep: cep.value, ...address, operator: settings.operator, now });
    const uuid = randomUUID();
    statement(
      db,
      `INSERT INTO cep_changes (uuid, cep, old_value, new_value, reason, operator, created_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
    ).run(uuid, cep.value, resent ? resent.oldValue : before ? JSON.stringify(before) : null, JSON.stringify(address), reason, settings.operator, now);
    resolveCepRejectionsBy(db, cep.value, now, uuid);
    refreshRecordsWithCeps(db, [cep.value]);
    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'cep.save',
      entity: 'cep',
      entityId: cep.value,
      detail: { cep: cep.value, created: before === null, change: uuid, reason, ...(resent ? { resent: true } : {}) },
    });
    const entry = statement<CepEntry>(db, `${ENTRY_SQL} WHERE d.cep = ?`).get(cep.value) as CepEntry;
    return { entry, created: before === null, refusedBefore: resent?.warning ?? null };
  });
}

const foldRegistered = new WeakSet<Database>();

/** `fold_for_search(text)` in SQL: the directory is small, so its text filter folds on the fly. */
function ensureFoldFunction(db: Database): void {
  if (foldRegistered.has(db)) return;
  db.function('fold_for_search', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldForSearch(value) : null));
  foldRegistered.add(db);
}

/** The directory, by CEP; text filters by CEP prefix (digits) or street, district or city. */
export function listCep(db: Database, input: ParsedInput<'cep:list'>) {
  const text = input.text.trim();
  let clause = '';
  let params: string[] = [];
  if (/^[\d.\-\s]+$/.test(text) && digitsOnly(text) !== '') {
    const prefix = digitsOnly(text);
    clause = 'WHERE d.cep >= ? AND d.cep < ?';
    params = [prefix, `${prefix}~`];
  } else if (text !== '') {
    ensureFoldFunction(db);
    const pattern = `%${foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clause = `WHERE fold_for_search(d.street) LIKE ? ESCAPE '\\' OR fold_for_search(d.district) LIKE ? ESCAPE '\\'
      OR fold_for_search(d.city) LIKE ? ESCAPE '\\'`;
    params = [pattern, pattern, pattern];
  }
  // The directory is small (a council's own CEPs): the status filter reads the listing's own column.
  const listed = input.status === undefined ? `${ENTRY_SQL} ${clause}` : `SELECT * FROM (${ENTRY_SQL} ${clause}) WHERE status = ?`;
  const listedParams: string[] = input.status === undefined ? params : [...params, input.status];
  const total = (db.prepare(`SELECT count(*) AS n FROM (${listed})`).get(...listedParams) as { n: number }).n;
  const rows = db.prepare(`${listed} ORDER BY cep LIMIT ? OFFSET ?`).all(...listedParams, input.pageSize, input.page * input.pageSize) as CepEntry[];
  return { total, page: input.page, pageSize: input.pageSize, items: rows };
}
