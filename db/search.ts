// Finding professionals: by CPF, by registration number, or by any words of the name
// (accent- and case-insensitive, each word a prefix), a page at a time with the total.
import type { Database } from 'better-sqlite3';
import type { ParsedInput } from '../shared/contract';
import type { ProfessionalSummary } from '../shared/contract/registry';
import type { DipStatus, Uf } from '../shared/domain';
import { maskCpf } from '../shared/rules/cpf';
import { digitsOnly, foldForSearch } from '../shared/text';
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
  const text = input.text.trim();
  const result = (total: number, rows: SummaryRow[]): SearchPage => ({ total, page, pageSize, items: rows.map(toSummary) });
  if (input.withPendencies) return searchWithPendencies(db, text, page, pageSize, result);

  if (/^[\d.\-\s/]+$/.test(text) && /\d/.test(text)) {
    const cpf = cpfKeyOf(text);
    if (cpf) {
      const rows = statement<SummaryRow>(db, `SELECT ${SUMMARY} FROM professionals p WHERE p.cpf = ?`).all(cpf);
      if (rows.length > 0) return result(rows.length, offset === 0 ? rows : []);
    }
    const asTyped = byRegistration(db, text, page, pageSize, result);
    const digits = digitsOnly(text);
    return asTyped.total === 0 && digits !== text ? byRegistration(db, digits, page, pageSize, result) : asTyped;
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

/** Registration number as typed: the exact number first, then those it starts (it sorts first). */
function byRegistration(
  db: Database,
  text: string,
  page: number,
  pageSize: number,
  result: (total: number, rows: SummaryRow[]) => SearchPage,
): SearchPage {
  // A range instead of LIKE: it uses the unique index and has no wildcard characters to escape.
  const from = text;
  const to = `${text}\u{10FFFF}`;
  const total = statement<{ n: number }>(db, 'SELECT count(*) AS n FROM professionals WHERE registration_number >= ? AND registration_number < ?').get(
    from,
    to,
  )?.n ?? 0;
  const rows = statement<SummaryRow>(
    db,
    `SELECT ${SUMMARY} FROM professionals p WHERE p.registration_number >= ? AND p.registration_number < ?
     ORDER BY p.registration_number LIMIT ? OFFSET ?`,
  ).all(from, to, pageSize, page * pageSize);
  return result(total, rows);
}

const FLAGGED = 'p.id IN (SELECT professional_id FROM pendencies)';

/** "Com pendências": the same search, among the records that have at least one pendência. */
function searchWithPendencies(db: Database, text: string, page: number, pageSize: number, result: (total: number, rows: SummaryRow[]) => SearchPage): SearchPage {
  const offset = page * pageSize;
  let where = FLAGGED;
  const params: (string | number)[] = [];
  if (/^[\d.\-\s/]+$/.test(text) && /\d/.test(text)) {
    const cpf = cpfKeyOf(text);
    where += ` AND (p.registration_number >= ? AND p.registration_number < ?${cpf ? ' OR p.cpf = ?' : ''})`;
    params.push(text, `${text}\u{10FFFF}`, ...(cpf ? [cpf] : []));
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
