// Finding professionals: by CPF, by registration number, or by any words of the name
// (accent- and case-insensitive, each word a prefix), a page at a time with the total.
import type { Database } from 'better-sqlite3';
import type { ParsedInput } from '../shared/contract';
import type { ProfessionalSummary } from '../shared/contract/registry';
import type { DipStatus, Uf } from '../shared/domain';
import { maskCpf } from '../shared/rules/cpf';
import { digitsOnly, foldForSearch, withoutInvisibles } from '../shared/text';
import { cpfKeyOf } from './registry';
import { statement } from './statements';

interface SummaryRow {
  id: number;
  registration_number: string;
  cpf: string;
  name: string;
  city: string | null;
  uf: string | null;
  dip_status: string;
  open_corrections: number;
  pendencies: number;
}

export interface SearchPage {
  total: number;
  page: number;
  pageSize: number;
  items: ProfessionalSummary[];
}

// Columns of a hit, with the corrections still waiting for Implanta.
const SUMMARY = `p.id, p.registration_number, p.cpf, p.name, p.city, p.uf, p.dip_status,
  (SELECT count(*) FROM corrections c WHERE c.professional_id = p.id AND c.status IN ('pending', 'batched', 'sent')) AS open_corrections,
  (SELECT count(*) FROM pendencies d WHERE d.professional_id = p.id) AS pendencies`;

function toSummary(row: SummaryRow): ProfessionalSummary {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    cpfMasked: maskCpf(row.cpf),
    name: row.name,
    city: row.city,
    uf: row.uf as Uf | null,
    dipStatus: row.dip_status as DipStatus,
    openCorrections: row.open_corrections,
    pendencies: row.pendencies,
  };
}

/** `maria da sil` → `"maria"* "da"* "sil"*`: every word must start a word of the name. */
export function nameMatchQuery(text: string): string | null {
  const tokens = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
  return tokens.length > 0 ? tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ') : null;
}

export function searchProfessionals(db: Database, input: Omit<ParsedInput<'registry:search'>, 'withPendencies'> & { withPendencies?: boolean }): SearchPage {
  const { page, pageSize } = input;
  const offset = page * pageSize;
  // Read as it looks: a CPF pasted from a web page with a zero-width space in it is still a number.
  const text = withoutInvisibles(input.text).trim();
  const result = (total: number, rows: SummaryRow[]): SearchPage => ({ total, page, pageSize, items: rows.map(toSummary) });
  if (input.withPendencies) return searchWithPendencies(db, text, page, pageSize, result);

  if (NUMBER_LIKE.test(text) && /\d/.test(text)) {
    const cpf = cpfKeyOf(text);
    if (cpf) {
      const rows = statement<SummaryRow>(db, `SELECT ${SUMMARY} FROM professionals p WHERE p.cpf = ?`).all(cpf);
      if (rows.length > 0) return result(rows.length, offset === 0 ? rows : []);
    }
    return byNumber(db, text, page, pageSize, result);
  }

  const match = nameMatchQuery(text);
  if (!match) {
    const total = statement<{ n: number }>(db, 'SELECT count(*) AS n FROM professionals').get()?.n ?? 0;
    const rows = statement<SummaryRow>(db, `SELECT ${SUMMARY} FROM professionals p ORDER BY p.name_folded, p.id LIMIT ? OFFSET ?`).all(pageSize, offset);
    return result(total, rows);
  }

  const total = statement<{ n: number }>(db, 'SELECT count(*) AS n FROM professionals_fts WHERE professionals_fts MATCH ?').get(match)?.n ?? 0;
  if (total === 0) return result(0, []);
  // Sort the hits through the (id, name_folded) index: reading whole rows of tens of thousands
  // of hits just to sort them costs twice as much. Only the page's rows are read in full.
  const ids = statement<{ id: number }>(
    db,
    `SELECT p.id FROM professionals_fts f JOIN professionals p INDEXED BY professionals_id_name_idx ON p.id = f.rowid
     WHERE professionals_fts MATCH ? ORDER BY p.name_folded, p.id LIMIT ? OFFSET ?`,
  )
    .all(match, pageSize, offset)
    .map((r) => r.id);
  const byId = statement<SummaryRow>(db, `SELECT ${SUMMARY} FROM professionals p WHERE p.id = ?`);
  const rows = ids.map((id) => byId.get(id)).filter((r): r is SummaryRow => r !== undefined);
  return result(total, rows);
}

/** Digits with the punctuation of a CPF or a registration number, or a CPF as the list masks it (`***.357.193-**`). */
const NUMBER_LIKE = /^[\d.\-\s/*]+$/;

/** The six middle digits of a CPF as a list shows them (`***.357.193-**`). */
const SHOWN_MIDDLE = /^\d{3}\.\d{3}$/;

/** A condition on the records and its parameters. */
type Condition = [sql: string, params: string[]];

/**
 * A number that is not a whole CPF: registration numbers it starts (as typed, and without its
 * punctuation), in registration order, then the CPFs it may be part of, by name — the first digits
 * of a CPF (six or more), the six middle digits as the list shows them, or the list's mask pasted whole.
 */
function byNumber(db: Database, text: string, page: number, pageSize: number, result: (total: number, rows: SummaryRow[]) => SearchPage): SearchPage {
  const { registration, conditions } = numberConditions(text);
  if (conditions.length === 0) return result(0, []);
  const where = conditions.map(([sql]) => `(${sql})`).join(' OR ');
  const params = conditions.flatMap(([, p]) => p);
  // Registration hits first and in their order; CPF hits after them, by name.
  const order = registration ? `CASE WHEN ${registration[0]} THEN 0 ELSE 1 END, CASE WHEN ${registration[0]} THEN p.registration_number END, ` : '';
  const orderParams = registration ? [...registration[1], ...registration[1]] : [];
  const total = statement<{ n: number }>(db, `SELECT count(*) AS n FROM professionals p WHERE ${where}`).get(...params)?.n ?? 0;
  const rows = statement<SummaryRow>(db, `SELECT ${SUMMARY} FROM professionals p WHERE ${where} ORDER BY ${order}p.name_folded, p.id LIMIT ? OFFSET ?`).all(
    ...params,
    ...orderParams,
    pageSize,
    page * pageSize,
  );
  return result(total, rows);
}

/** What a number may be: registration numbers it starts, and the CPFs it may be part of. */
function numberConditions(text: string): { registration: Condition | null; conditions: Condition[] } {
  const digits = digitsOnly(text);
  const registration = text.includes('*') ? null : startsWith('p.registration_number', [...new Set([text, digits])]);
  return { registration, conditions: [...(registration ? [registration] : []), ...cpfConditions(text, digits)] };
}

/** Values of `column` that start with any of `prefixes`: ranges, which use the column's unique index and need no escaping. */
function startsWith(column: string, prefixes: string[]): Condition {
  return [prefixes.map(() => `(${column} >= ? AND ${column} < ?)`).join(' OR '), prefixes.flatMap((p) => [p, `${p}\u{10FFFF}`])];
}

function cpfConditions(text: string, digits: string): Condition[] {
  if (text.includes('*')) {
    // The mask as a pattern: each * one unknown digit, punctuation dropped.
    const pattern = text.replace(/[^\d*]/g, '').replace(/\*/g, '_');
    return pattern.length === 11 ? [['p.cpf LIKE ?', [pattern]]] : [];
  }
  const found: Condition[] = [];
  if (digits.length >= 6 && digits.length < 11) found.push(startsWith('p.cpf', [digits]));
  // The middle digits only as the lists show them ("357.193"): they need a scan of every CPF, which
  // a six-digit registration number, typed every day, must not pay.
  if (SHOWN_MIDDLE.test(text)) found.push(['substr(p.cpf, 4, 6) = ?', [digits]]);
  return found;
}

const FLAGGED = 'p.id IN (SELECT professional_id FROM pendencies)';

/** "Com pendências": the same search, among the records that have at least one pendência. */
function searchWithPendencies(db: Database, text: string, page: number, pageSize: number, result: (total: number, rows: SummaryRow[]) => SearchPage): SearchPage {
  const offset = page * pageSize;
  let where = FLAGGED;
  const params: (string | number)[] = [];
  if (NUMBER_LIKE.test(text) && /\d/.test(text)) {
    const cpf = cpfKeyOf(text);
    const { conditions } = numberConditions(text);
    if (cpf) conditions.push(['p.cpf = ?', [cpf]]);
    where += conditions.length === 0 ? ' AND 0' : ` AND (${conditions.map(([sql]) => `(${sql})`).join(' OR ')})`;
    params.push(...conditions.flatMap(([, p]) => p));
  } else {
    const match = nameMatchQuery(text);
    if (match) {
      where += ' AND p.id IN (SELECT rowid FROM professionals_fts WHERE professionals_fts MATCH ?)';
      params.push(match);
    }
  }
  const total = (db.prepare(`SELECT count(*) AS n FROM professionals p WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT ${SUMMARY} FROM professionals p WHERE ${where} ORDER BY p.name_folded, p.id LIMIT ? OFFSET ?`).all(...params, pageSize, offset) as SummaryRow[];
  return result(total, rows);
}
