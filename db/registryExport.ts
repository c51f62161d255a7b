// The desk's side of "the three copies agree", towards the council's main system: every record
// whose data was changed on the desk and synced by Implanta since a date, one row per professional
// with the values Implanta holds (the record's, but for a field with a correction still on its way),
// in exactly the columns and value formats `import registry` reads (the file imports back into this
// desk as all `unchanged`). CSV is UTF-8 with BOM and `;` for pt-BR Excel; cells are neutralised
// against formula injection; the file appears whole or not at all and never replaces another one
// the clerk did not confirm replacing.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute } from 'node:path';
import { xlsxBytes } from './sheetjs';
import { IMPORT_TARGETS, importTargetLabel, type ImportTarget } from '../shared/contract/imports';
import type { Professional } from '../shared/domain';
import { AppError } from '../shared/errors';
import { labelOf } from '../shared/display/labels';
import { formatFieldValue } from '../shared/display/values';
import { plural } from '../shared/display/plural';
import { fieldLabel, FIELDS, isFieldName } from '../shared/fields';
import { formatDateBr } from '../shared/rules/dates';
import { parseFieldValue } from '../shared/rules/fieldValue';
import { DIP_LABELS } from '../shared/rules/vocabulary';
import { csvLine } from '../shared/spreadsheetSafety';
import { appendAudit } from './audit';
import { brasilia, instantOfBrasiliaTime } from './batches/clock';
import { alreadyThere } from './fileGrants';
import { writeExportFile as writeFileOnce } from './exportFile';
import { valuesOfCorrectionText } from '../shared/rules/correctionText';
import { toProfessional, type ProfessionalRow } from './registry';
import { byRegistrationNumber } from './registrationOrder';
import { requireSettings } from './settings';

export type RegistryExportFormat = 'xlsx' | 'csv';

export interface RegistryExportInput {
  /** ISO date: synced on or after this Brasília day. */
  since: string;
  /** Already granted by the transport's broker (db/fileGrants.ts). */
  path: string;
  format?: RegistryExportFormat;
  /** Replace a file already at `path` (the clerk confirmed it); otherwise such a file is refused. */
  replace?: boolean;
}

/** A field left empty in the file: its registry conflict waits for the clerk's choice. */
export interface RegistryExportWaiting {
  registrationNumber: string;
  name: string;
  field: string;
}

export interface RegistryExportResult {
  path: string;
  rows: number;
  sha256: string;
  /** Fields in open conflict, left empty (an empty cell changes nothing in the main system). */
  waiting: RegistryExportWaiting[];
  /** The waiting fields in words, or null when none. */
  message: string | null;
}

/** The columns of a registry import, in its order, under the names its mapping step shows. */
export const REGISTRY_EXPORT_TARGETS: readonly ImportTarget[] = IMPORT_TARGETS.registry;
export const REGISTRY_EXPORT_HEADERS: readonly string[] = REGISTRY_EXPORT_TARGETS.map(importTargetLabel);

const COLUMN_WIDTHS: Partial<Record<ImportTarget, number>> = {
  registrationNumber: 10,
  cpf: 15,
  name: 32,
  socialName: 24,
  motherName: 32,
  fatherName: 32,
  email: 30,
  street: 30,
  dipStatus: 16,
};

/** The UTC instant a Brasília calendar day starts (`2026-03-10` → `2026-03-10T03:00:00.000Z`). */
export function brasiliaDayStart(isoDate: string): string {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? instantOfBrasiliaTime(isoDate) : new Date(Number.NaN);
  if (Number.isNaN(start.getTime())) throw new AppError('DATE_INVALID', 'Data inválida: use o formato dd/mm/aaaa.');
  return start.toISOString();
}

/** Rules whose punctuation `import registry` reads back only from a valid value (it keeps an invalid one as given). */
const PUNCTUATED_IF_VALID = new Set(['cep', 'phone']);

/**
 * One cell as `import registry` reads it back: CPF and CEP punctuated, dates dd/mm/aaaa, words for
 * codes — and a CEP or phone the rules refuse (as the main system loaded it) exactly as stored, so
 * the file loaded back changes nothing.
 */
export function exportCell(professional: Professional, target: ImportTarget): string {
  if (target === 'registrationNumber') return professional.registrationNumber;
  if (target === 'dipStatus') return labelOf(DIP_LABELS, professional.dipStatus);
  if (!isFieldName(target)) return '';
  const value = professional[target];
  if (typeof value === 'string' && value !== '' && PUNCTUATED_IF_VALID.has(FIELDS[target].rule) && !parseFieldValue(target, value).ok) return value;
  return formatFieldValue(target, value, '');
}

/**
 * Records with a correction synced since the instant, or whose DIP status Implanta reported since
 * then (a load that still says another one asks the clerk to update the main system).
 */
const SYNCED_SINCE = `SELECT professional_id FROM corrections WHERE status = 'synced' AND status_changed_at >= ?
  UNION SELECT professional_id FROM record_history WHERE kind = 'dip_update' AND at >= ?`;

/**
 * Records with a correction synced on or after the instant, ordered by registration number, each
 * as Implanta holds it: a field with a correction still on its way (pending, in a lote, sent) has
 * the value before the earliest of them, since Implanta may still reject it.
 */
function syncedSince(db: Database, since: string): Professional[] {
  const rows = (db.prepare(`SELECT p.* FROM professionals p WHERE p.id IN (${SYNCED_SINCE})`).all(since, since) as ProfessionalRow[]).sort(byRegistrationNumber);
  const records = new Map(rows.map((row) => [row.id, toProfessional(row)]));
  // Newest first, so the earliest correction's old value is the one left in each field.
  const inFlight = db
    .prepare(
      `SELECT professional_id AS professional, field, old_value AS old, source FROM corrections
       WHERE status IN ('pending', 'batched', 'sent') AND professional_id IN (${SYNCED_SINCE}) ORDER BY id DESC`,
    )
    .all(since, since) as { professional: number; field: string; old: string | null; source: string }[];
  // A field whose newest correction on its way brings Implanta to the main system's own value (the
  // clerk took the file's value in a conflict) already holds in the main system what the record
  // holds: the value before it would undo the main system's.
  const mainSystems = new Set<string>();
  const seen = new Set<string>();
  for (const correction of inFlight) {
    const key = `${correction.professional}:${correction.field}`;
    if (!seen.has(key)) {
      seen.add(key);
      if (correction.source === 'conflict') mainSystems.add(key);
    }
    if (mainSystems.has(key)) continue;
    const record = records.get(correction.professional);
    if (record) Object.assign(record, valuesOfCorrectionText(correction.field, correction.old));
  }
  return [...records.values()];
}

/**
 * The fields of these records with a registry conflict still open, per record: the main system
 * holds another value and only the clerk may choose, so the file must not carry the desk's over it.
 */
function openConflictFields(db: Database, professionals: readonly Professional[]): Map<number, Set<string>> {
  const open = new Map<number, Set<string>>();
  if (professionals.length === 0) return open;
  const ids = new Set(professionals.map((p) => p.id));
  const rows = db.prepare('SELECT DISTINCT professional_id AS professional, field FROM registry_conflicts WHERE resolved_at IS NULL ORDER BY id').all() as {
    professional: number;
    field: string;
  }[];
  for (const row of rows) {
    if (!ids.has(row.professional)) continue;
    const fields = open.get(row.professional) ?? new Set<string>();
    fields.add(row.field);
    open.set(row.professional, fields);
  }
  return open;
}

/** The export's columns a conflict field stands for (the mother fact is both mother columns). */
function columnsOf(field: string): string[] {
  try {
    return Object.keys(valuesOfCorrectionText(field, null));
  } catch {
    return [field];
  }
}

function waitingWords(waiting: readonly RegistryExportWaiting[]): string | null {
  if (waiting.length === 0) return null;
  const list = waiting.map((w) => `${fieldLabel(w.field)} de ${w.name} (registro ${w.registrationNumber})`).join('; ');
  const count = plural(waiting.length, 'campo ficou', 'campos ficaram');
  const those = waiting.length === 1 ? 'esse valor' : 'esses valores';
  return `${count} em branco no arquivo porque ${waiting.length === 1 ? 'espera' : 'esperam'} a escolha da/o atendente num conflito com o sistema do Regional: ${list}. Resolva o conflito e gere o arquivo de novo para levar ${those}.`;
}

function formatOf(input: Pick<RegistryExportInput, 'path' | 'format'>): RegistryExportFormat {
  const extension = extname(input.path).toLowerCase();
  const format = input.format ?? (extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : null);
  if (format === null || extension !== `.${format}`) {
    throw new AppError('EXPORT_DESTINATION', `O nome do arquivo deve terminar em ${input.format ? `.${input.format}` : '.xlsx ou .csv'}: ${basename(input.path)}.`);
  }
  return format;
}

/** The same checks as the other exports: a full path, into an existing folder, never over another file unless confirmed. */
function checkDestination(path: string, replace: boolean): void {
  if (!isAbsolute(path)) throw new AppError('EXPORT_DESTINATION', 'Informe o caminho completo do arquivo a gravar.');
  const folder = dirname(path);
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  if (!folderStat) throw new AppError('EXPORT_DESTINATION', `A pasta ${folder} não existe: escolha outra pasta ou crie-a antes.`);
  if (!folderStat.isDirectory()) throw new AppError('EXPORT_DESTINATION', `O destino ${folder} não é uma pasta.`);
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing && (!replace || !existing.isFile())) throw alreadyThere(path);
}

/** A table to write as a spreadsheet file: its header row, its rows, the sheet's name and column widths. */
export interface ExportTable {
  headers: readonly string[];
  rows: string[][];
  sheet: string;
  widths: readonly number[];
}

function csvBytes(table: ExportTable): Buffer {
  const lines = [csvLine(table.headers), ...table.rows.map((row) => csvLine(row))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function xlsxOfTable(table: ExportTable): Buffer {
  return xlsxBytes([[...table.headers], ...table.rows], table.sheet, table.widths);
}

/**
 * Writes `table` at the destination the caller chose (xlsx, or CSV for pt-BR Excel), whole or not at
 * all, never over a file the clerk did not confirm replacing. Answers the format and the file's SHA-256.
 */
export async function writeExportFile(input: Pick<RegistryExportInput, 'path' | 'format' | 'replace'>, table: ExportTable): Promise<{ format: RegistryExportFormat; sha256: string }> {
  const format = formatOf(input);
  const replace = input.replace === true;
  checkDestination(input.path, replace);
  const bytes = format === 'csv' ? csvBytes(table) : xlsxOfTable(table);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // Whole or not at all, 0600, like every file the clerk asks for: a copy left by a desk killed before its
  // rename names its process, and the next file written in the folder removes it (db/exportFile.ts).
  writeFileOnce(input.path, bytes, { replace });
  return { format, sha256 };
}

/** Writes the file (atomically, never over another file), audits it, and answers how many rows it holds. */
export async function exportRegistry(db: Database, input: RegistryExportInput, now: string): Promise<RegistryExportResult> {
  const settings = requireSettings(db);
  formatOf(input);
  // A first day still to come can hold nothing: the file would be a header alone, said nowhere.
  if (input.since > brasilia(now).date) {
    throw new AppError('DATE_INVALID', `A data inicial ${formatDateBr(input.since)} ainda não chegou: informe um dia até hoje.`, { field: 'since' });
  }
  checkDestination(input.path, input.replace === true);
  const professionals = syncedSince(db, brasiliaDayStart(input.since));
  const conflicts = openConflictFields(db, professionals);
  const waiting: RegistryExportWaiting[] = [];
  const rows = professionals.map((p) => {
    const fields = [...(conflicts.get(p.id) ?? [])];
    for (const field of fields) waiting.push({ registrationNumber: p.registrationNumber, name: p.name, field });
    const blank = new Set(fields.flatMap(columnsOf));
    return REGISTRY_EXPORT_TARGETS.map((target) => (blank.has(target) ? '' : exportCell(p, target)));
  });
  const widths = REGISTRY_EXPORT_TARGETS.map((target) => COLUMN_WIDTHS[target] ?? 14);
  const { format, sha256 } = await writeExportFile(input, { headers: REGISTRY_EXPORT_HEADERS, rows, sheet: 'Cadastro', widths });
  try {
    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'registry.export',
      entity: 'registry',
      entityId: null,
      // Counts and the file's name only: the rows themselves are personal data.
      detail: { fileName: basename(input.path), format, since: input.since, rows: rows.length, sha256 },
    });
  } catch (error) {
    // A file of personal data that the trail does not mention must not stay behind.
    rmSync(input.path, { force: true });
    throw error;
  }
  return { path: input.path, rows: rows.length, sha256, waiting, message: waitingWords(waiting) };
}
