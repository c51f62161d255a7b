// The Pendências worklist over the stored pendências (db/pendencies.ts keeps them in step with every
// write): counts per case and code, pages of items, a scan on demand, and the export to correct —
// the registry's columns as a corrections import reads them, plus a `Pendências` column it ignores.
import type { Database } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParsedInput } from '../shared/contract';
import type { QualityItem, QualitySummary } from '../shared/contract/quality';
import { importTargetLabel, type ImportTarget } from '../shared/contract/imports';
import { FIELD_NAMES } from '../shared/fields';
import { PENDENCY_CASES, type PendencyCase } from '../shared/rules/pendencyCases';
import type { JobResult } from '../shared/contract/jobKinds';
import { appendAudit } from './audit';
import { openJobConnection } from './connections';
import type { JobFn } from './jobs/types';
import { rescanRegistry } from './pendencyScan';
import { toProfessional, type ProfessionalRow } from './professionalRow';
import { exportCell, writeExportFile } from './registryExport';
import { requireSettings } from './settings';
import { byRegistrationNumber } from './registrationOrder';
import { whereAll } from './statements';

interface Filters {
  case: PendencyCase | null;
  code: string | null;
}

function where(filters: Filters): { sql: string; params: string[] } {
  const conditions: [string, string | null][] = [
    ['d.case_letter = ?', filters.case],
    ['d.code = ?', filters.code],
  ];
  const given = conditions.filter((condition): condition is [string, string] => Boolean(condition[1]));
  return { sql: whereAll(given.map(([sql]) => sql)), params: given.map(([, value]) => value) };
}

export function qualitySummary(db: Database): QualitySummary {
  const byCase = Object.fromEntries(PENDENCY_CASES.map((c) => [c, 0])) as Record<PendencyCase, number>;
  for (const row of db.prepare('SELECT case_letter AS c, count(DISTINCT professional_id) AS n FROM pendencies GROUP BY case_letter').all() as { c: PendencyCase; n: number }[]) {
    byCase[row.c] = row.n;
  }
  const byCode: Record<string, number> = {};
  let total = 0;
  for (const row of db.prepare('SELECT code, count(*) AS n FROM pendencies GROUP BY code ORDER BY code').all() as { code: string; n: number }[]) {
    byCode[row.code] = row.n;
    total += row.n;
  }
  const records = (db.prepare('SELECT count(DISTINCT professional_id) AS n FROM pendencies').get() as { n: number }).n;
  return { records, total, byCase, byCode };
}

const ITEM_COLUMNS = `d.professional_id AS professionalId, p.registration_number AS registrationNumber, p.name, p.cpf,
  d.case_letter AS "case", d.code, d.field, d.message, d.suggestion`;
const ORDER = 'ORDER BY length(p.registration_number), p.registration_number, d.id';

/** One page of items (`pageSize` null: every item, for the command line). */
export function qualityItems(db: Database, input: Filters & { page: number; pageSize: number | null }): { total: number; items: QualityItem[] } {
  const filter = where(input);
  const total = (db.prepare(`SELECT count(*) AS n FROM pendencies d ${filter.sql}`).get(...filter.params) as { n: number }).n;
  const limit = input.pageSize === null ? '' : ` LIMIT ${input.pageSize} OFFSET ${input.page * input.pageSize}`;
  const items = db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM pendencies d JOIN professionals p ON p.id = d.professional_id ${filter.sql} ${ORDER}${limit}`)
    .all(...filter.params) as QualityItem[];
  return { total, items };
}

/** Checks every record again on the job's own connection, then counts (a job: seconds on 250 000 records). */
export const scanQualityJob: JobFn<Record<string, never>, JobResult<'quality:scan'>> = (_input, context) => {
  context.progress({ phase: 'scan', label: 'Conferindo o cadastro…', done: 0, total: null });
  const db = openJobConnection(context.storePath);
  try {
    const scanned = rescanRegistry(db);
    return { scanned, summary: qualitySummary(db) };
  } finally {
    db.close();
  }
};

/** The columns of the file: the record as a corrections import reads it, a reason and evidence to fill, then what is wrong. */
const TARGETS: readonly ImportTarget[] = ['registrationNumber', ...FIELD_NAMES, 'reason', 'evidence'];
export const PENDENCIES_COLUMN = 'Pendências';

export async function exportQuality(db: Database, input: ParsedInput<'quality:export'>, now: string): Promise<{ path: string; rows: number; sha256: string }> {
  const settings = requireSettings(db);
  const filter = where(input);
  const rows = db
    .prepare(
      `SELECT p.*, group_concat(d.message, ' | ') AS pendencies_text FROM pendencies d JOIN professionals p ON p.id = d.professional_id
       ${filter.sql} GROUP BY p.id`,
    )
    .all(...filter.params) as (ProfessionalRow & { pendencies_text: string })[];
  rows.sort(byRegistrationNumber);
  const table = rows.map((row) => {
    const record = toProfessional(row);
    return [...TARGETS.map((target) => (target === 'reason' || target === 'evidence' ? '' : exportCell(record, target))), row.pendencies_text];
  });
  const headers = [...TARGETS.map(importTargetLabel), PENDENCIES_COLUMN];
  const widths = [...TARGETS.map((t) => (t === 'name' || t === 'motherName' || t === 'email' ? 30 : 14)), 80];
  const { format, sha256 } = await writeExportFile(input, { headers, rows: table, sheet: 'Pendências', widths });
  try {
    appendAudit(db, {
      at: now,
      operator: settings.operator,
      action: 'quality.export',
      entity: 'registry',
      entityId: null,
      // Counts and the file's name only: the rows are personal data.
      detail: { fileName: basename(input.path), format, rows: table.length, case: input.case, code: input.code, sha256 },
    });
  } catch (error) {
    // A file of personal data that the trail does not mention must not stay behind (a read-only store, a busy one).
    rmSync(input.path, { force: true });
    throw error;
  }
  return { path: input.path, rows: table.length, sha256 };
}
