// What the clerk reviews: what is waiting for a batch, a batch grouped by kind and field with
// counts per status, and its items one by one (CPF masked).
import type { Database } from 'better-sqlite3';
import { emptyStatusCounts, type BatchGroup, type BatchItem, type BatchItemKind, type PendingForBatch } from '../../shared/contract/batches';
import type { CorrectionStatus, DipConsequence } from '../../shared/domain';
import { maskCpf } from '../../shared/rules/cpf';
import { statement } from '../statements';
import { requireBatchRow } from './summary';

export function pendingForBatch(db: Database): PendingForBatch {
  const byField = statement<{ field: string; n: number }>(
    db,
    "SELECT field, count(*) AS n FROM corrections WHERE status = 'pending' GROUP BY field ORDER BY n DESC, field",
  ).all();
  const cep = statement<{ n: number }>(db, "SELECT count(*) AS n FROM cep_changes WHERE status = 'pending'").get() as { n: number };
  const dip = statement<{ n: number }>(
    db,
    "SELECT count(DISTINCT professional_id) AS n FROM corrections WHERE status = 'pending' AND dip_consequence = 'correct_dip_request'",
  ).get() as { n: number };
  const open = statement<{ id: number; number: string }>(db, "SELECT id, number FROM batches WHERE state = 'open' ORDER BY id LIMIT 1").get();
  return {
    corrections: byField.reduce((sum, r) => sum + r.n, 0),
    cepChanges: cep.n,
    dipRequests: dip.n,
    byField: byField.map((r) => ({ field: r.field, count: r.n })),
    openBatch: open ?? null,
  };
}

/** The review: corrections per field, CEP changes, DIP requests — each with counts per status. */
export function batchGroups(db: Database, id: number): BatchGroup[] {
  requireBatchRow(db, id);
  const groups = new Map<string, BatchGroup>();
  const add = (kind: BatchGroup['kind'], field: string | null, status: CorrectionStatus, n: number) => {
    const key = `${kind}:${field ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind, field, count: 0, statuses: emptyStatusCounts() }));
    group.count += n;
    group.statuses[status] += n;
  };
  for (const r of statement<{ field: string; status: CorrectionStatus; n: number }>(
    db,
    'SELECT field, status, count(*) AS n FROM corrections WHERE batch_id = ? GROUP BY field, status',
  ).all(id)) {
    add('correction', r.field, r.status, r.n);
  }
  for (const r of statement<{ status: CorrectionStatus; n: number }>(db, 'SELECT status, count(*) AS n FROM cep_changes WHERE batch_id = ? GROUP BY status').all(id)) {
    add('cep', null, r.status, r.n);
  }
  // A professional's DIP request is settled when all her corrections that touch it are.
  for (const r of statement<{ status: CorrectionStatus; n: number }>(
    db,
    `SELECT status, count(*) AS n FROM (
       SELECT professional_id, CASE WHEN sum(status = 'rejected') > 0 THEN 'rejected' ELSE min(status) END AS status
       FROM corrections WHERE batch_id = ? AND dip_consequence = 'correct_dip_request' GROUP BY professional_id
     ) GROUP BY status`,
  ).all(id)) {
    add('dip', null, r.status, r.n);
  }
  const order = { correction: 0, cep: 1, dip: 2 };
  return [...groups.values()].sort((a, b) => order[a.kind] - order[b.kind] || b.count - a.count || (a.field ?? '').localeCompare(b.field ?? ''));
}

interface ItemRow {
  kind: BatchItemKind;
  uuid: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  professional_id: number | null;
  name: string | null;
  cpf: string | null;
  registration_number: string | null;
  cep: string | null;
  reason: string;
  operator: string;
  created_at: string;
  status: CorrectionStatus;
  status_message: string | null;
  resolved_at: string | null;
  dip_consequence: DipConsequence;
}

function toItem(row: ItemRow): BatchItem {
  return {
    kind: row.kind,
    uuid: row.uuid,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    professionalId: row.professional_id,
    professionalName: row.name,
    cpfMasked: row.cpf ? maskCpf(row.cpf) : null,
    registrationNumber: row.registration_number,
    cep: row.cep,
    reason: row.reason,
    operator: row.operator,
    createdAt: row.created_at,
    status: row.status,
    statusMessage: row.status_message,
    rejectionResolvedAt: row.resolved_at,
    dipConsequence: row.dip_consequence,
  };
}

// Who a correction is about: as sealed when the batch is sealed, else as the registry says now.
const CORRECTION_ITEMS = `SELECT 'correction' AS kind, c.uuid, c.field, c.old_value, c.new_value, c.professional_id,
    coalesce(s.name, p.name) AS name, coalesce(s.cpf, p.cpf) AS cpf, coalesce(s.registration_number, p.registration_number) AS registration_number,
    NULL AS cep, c.reason, c.operator, c.created_at, c.status, c.status_message, c.resolved_at, c.dip_consequence, c.id AS sort_id, 0 AS sort_kind
  FROM corrections c JOIN professionals p ON p.id = c.professional_id
  LEFT JOIN batch_professionals s ON s.batch_id = c.batch_id AND s.professional_id = c.professional_id`;
const CEP_ITEMS = `SELECT 'cep' AS kind, x.uuid, 'cep' AS field, x.old_value, x.new_value, NULL AS professional_id, NULL AS name, NULL AS cpf,
    NULL AS registration_number, x.cep, x.reason, x.operator, x.created_at, x.status, x.status_message, x.resolved_at, 'none' AS dip_consequence,
    x.id AS sort_id, 1 AS sort_kind
  FROM cep_changes x`;

type SelectPart = { sql: string; params: (string | number)[] };

/** `select` with `column = ?` for each condition given (a filter absent or empty narrows nothing). */
function narrowed(select: string, conditions: [column: string, value: string | number | undefined][]): SelectPart {
  const given = conditions.filter((c): c is [string, string | number] => c[1] !== undefined && c[1] !== '');
  return { sql: `${select} WHERE ${given.map(([column]) => `${column} = ?`).join(' AND ')}`, params: given.map(([, value]) => value) };
}

export function batchItems(
  db: Database,
  input: { id: number; kind?: BatchItemKind; status?: CorrectionStatus; field?: string; page: number; pageSize: number },
) {
  requireBatchRow(db, input.id);
  const parts: SelectPart[] = [];
  if (input.kind !== 'cep' && input.field !== 'cep') {
    parts.push(narrowed(CORRECTION_ITEMS, [['c.batch_id', input.id], ['c.status', input.status], ['c.field', input.field]]));
  }
  if (input.kind !== 'correction' && (input.field === undefined || input.field === 'cep')) {
    parts.push(narrowed(CEP_ITEMS, [['x.batch_id', input.id], ['x.status', input.status]]));
  }
  if (parts.length === 0) return { total: 0, page: input.page, pageSize: input.pageSize, items: [] };
  const union = parts.map((p) => p.sql).join(' UNION ALL ');
  const params = parts.flatMap((p) => p.params);
  const total = (db.prepare(`SELECT count(*) AS n FROM (${union})`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM (${union}) ORDER BY sort_kind, sort_id LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, input.page * input.pageSize) as ItemRow[];
  return { total, page: input.page, pageSize: input.pageSize, items: rows.map(toItem) };
}
