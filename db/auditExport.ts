// The audit trail of a period as an .xlsx for the council's data-protection officer: who did what
// (the operator and the computer's account), when, on whose record (registration number and masked CPF, also for an
// atendimento's entries, from its professional), with the chain's hashes so the copy
// can be checked against the store. Values (old → new) stay out: the officer sees the processing,
// not the personal data itself.
import type { Database } from 'better-sqlite3';
import { basename, extname } from 'node:path';
import { xlsxBytes } from './sheetjs';
import { AppError } from '../shared/errors';
import { maskCpf } from '../shared/rules/cpf';
import { formatDateTimeBr } from '../shared/rules/dates';
import { auditSummary } from './auditEntries';
import { writeExportFile } from './exportFile';
import { alreadyThere, nameTaken } from './fileGrants';

export interface AuditExportInput {
  /** ISO dates, inclusive, in the desk's local calendar. */
  from: string;
  to: string;
  /** Already granted by the transport's broker (db/fileGrants.ts). */
  path: string;
  /** Replace a file already at `path` (the clerk confirmed it); otherwise such a file is left as it is. */
  replace?: boolean;
}

const HEADER = ['Nº', 'Data e hora', 'Operador', 'Conta do computador', 'Ação', 'Registro', 'CPF', 'Resumo', 'Hash anterior', 'Hash'];

interface Row {
  id: number;
  at: string;
  operator: string;
  /** Absent in stores from before the account was recorded; null in their older entries. */
  account?: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
  registration_number: string | null;
  cpf: string | null;
}

function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Writes the file atomically (temporary name, flushed, renamed), never over another file unless
 * replacing it was confirmed, and answers how many entries it holds.
 */
export function exportAudit(db: Database, input: AuditExportInput): { path: string; entries: number } {
  if (input.from > input.to) throw new AppError('DATE_INVALID', 'A data inicial é posterior à data final.');
  // Always a workbook: another name would hide xlsx bytes behind it (a ".csv" opened as text).
  if (extname(input.path).toLowerCase() !== '.xlsx') {
    throw new AppError('EXPORT_DESTINATION', `A auditoria é exportada como planilha do Excel: o nome do arquivo deve terminar em .xlsx (${basename(input.path)}). Nada foi gravado.`);
  }
  const replace = input.replace === true;
  if (!replace && nameTaken(input.path)) throw alreadyThere(input.path);
  const rows = (
    db
      .prepare(
        // An atendimento's entries name its protocol: the record is the professional it was located to.
        `SELECT a.*, coalesce(p.registration_number, cp.registration_number) AS registration_number, coalesce(p.cpf, cp.cpf) AS cpf
         FROM audit_log a
         LEFT JOIN professionals p ON a.entity = 'professional' AND p.id = CAST(a.entity_id AS INTEGER)
         LEFT JOIN contacts c ON a.entity = 'contact' AND c.protocol = a.entity_id
         LEFT JOIN professionals cp ON cp.id = c.professional_id
         ORDER BY a.id`,
      )
      .all() as Row[]
  ).filter((r) => {
    const day = localDate(r.at);
    return day >= input.from && day <= input.to;
  });
  const sheetRows = rows.map((r) => [
    r.id,
    formatDateTimeBr(r.at),
    r.operator,
    r.account ?? '',
    r.action,
    r.registration_number ?? '',
    r.cpf ? maskCpf(r.cpf) : '',
    auditSummary(r.action, JSON.parse(r.detail || '{}')),
    r.prev_hash,
    r.hash,
  ]);
  const bytes = xlsxBytes([HEADER, ...sheetRows], 'Auditoria', [8, 18, 22, 20, 18, 12, 16, 50, 20, 20]);

  writeExportFile(input.path, bytes, { replace });
  return { path: input.path, entries: rows.length };
}
