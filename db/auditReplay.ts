// `audit verify` in full: the signed chain (db/audit.ts), then every professional and every
// correction against the seal the desk gave it when it wrote it (db/auditSeals.ts), and the tables'
// digests against the signed anchor. It names each row that no longer matches — by registration
// number, and the field — never its values. On a national store (250 000 professionals, 1 000 000
// corrections) this reads everything once: it runs as a job (a worker thread in the app).
import type Database from 'better-sqlite3';
import type { AuditRowProblem, AuditVerification } from '../shared/contract/audit';
import { formatCount } from '../shared/display/numbers';
import { AppError } from '../shared/errors';
import { fieldLabel, isFieldName } from '../shared/fields';
import { formatDateTimeBr } from '../shared/rules/dates';
import { readAnchor, verifyAuditChain } from './audit';
import { readAuditKeyOrNull, type AuditKey } from './auditKey';
import { checkRow, DigestAccumulator, rowJsonSql, SEALED, ZERO_DIGEST, type SealedTable } from './auditSeals';
import { openStoreReader } from './connections';
import { adminPinOutsideProblem } from './adminPinTrail';
import { foundWhen } from './auditEntries';
import { pinsOutsideProblem } from './operatorPinTrail';
import { operatorsOutsideProblem } from './operatorTrail';
import type { JobContext, JobFn } from './jobs/types';
import { importInSteps } from './storeGuards';
import type { JobRunner } from './jobs/runner';
import { rewrittenLotes } from './batches/sealedPayload';

const LISTED_ROWS = 200;

const PROFESSIONAL_COLUMNS: Record<string, string> = {
  id: 'número interno',
  registration_number: 'Número de registro',
  name_folded: 'nome para a busca',
  dip_status: 'situação do DIP',
  dip_status_at: 'data da situação do DIP',
  loaded_values: 'valores da última carga do sistema do Regional',
  row_version: 'versão do cadastro',
  created_at: 'data de criação',
  updated_at: 'data de alteração',
};

const CORRECTION_COLUMNS: Record<string, string> = {
  id: 'número',
  uuid: 'identificador',
  professional_id: 'profissional',
  field: 'campo corrigido',
  old_value: 'valor anterior',
  new_value: 'valor novo',
  reason: 'motivo',
  evidence_kind: 'documento comprobatório',
  evidence_arrival: 'forma de entrega do documento',
  evidence_date: 'data do documento',
  evidence_note: 'observação do documento',
  operator: 'operador',
  created_at: 'data',
  status: 'situação',
  status_message: 'mensagem da Implanta',
  status_changed_at: 'data da situação',
  source: 'origem',
  dip_consequence: 'consequência para o DIP',
  batch_id: 'lote',
  import_id: 'importação',
  import_row_version: 'versão do cadastro na importação',
  dip_request_corrected: 'pedido de DIP corrigido',
  resolved_at: 'data da resolução',
  resolution: 'resolução',
  resolution_note: 'nota da resolução',
};

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function columnLabel(table: 'professionals' | 'corrections', column: string): string {
  if (table === 'corrections') return CORRECTION_COLUMNS[column] ?? column;
  const field = camel(column);
  return PROFESSIONAL_COLUMNS[column] ?? (isFieldName(field) ? fieldLabel(field) : column);
}

function changedText(labels: string[]): string {
  if (labels.length === 0) return 'foi alterado fora do CRESS Desk';
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} e ${labels.at(-1)}`;
  return `${list} ${labels.length === 1 ? 'foi alterado' : 'foram alterados'} fora do CRESS Desk`;
}

interface RowsResult {
  rows: AuditRowProblem[];
  total: number;
  /** Rows of an import being written in steps, not checked yet. */
  waiting: number;
}

/** Every professional and correction against its seal, and each table's digest against the anchor. */
export function verifyRows(db: Database.Database, key: AuditKey, context?: Pick<JobContext, 'progress'>): RowsResult {
  const anchor = readAnchor(db);
  const keyHex = key.bytes.toString('hex');
  const rows: AuditRowProblem[] = [];
  const seen = new Set<string>();
  let total = 0;
  const report = (problem: AuditRowProblem) => {
    const id = `${problem.table}:${problem.correctionId ?? problem.registrationNumber ?? problem.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    total++;
    if (rows.length < LISTED_ROWS) rows.push(problem);
  };
  const registrationOf = db.prepare('SELECT registration_number FROM professionals WHERE id = ?').pluck();
  // An import being written in steps: the rows of its finished steps wait for its last step's seal.
  const waiting = importInSteps(db)
    ? new Set((db.prepare('SELECT kind, id FROM audit_unsealed').raw().all() as [number, number][]).map(([kind, id]) => `${kind}:${id}`))
    : new Set<string>();
  const describe = (table: SealedTable, id: number, reg: string | null) =>
    table === 'professionals'
      ? { registrationNumber: reg, correctionId: null, name: reg === null ? `Um cadastro (número interno ${id})` : `Cadastro ${reg}` }
      : { registrationNumber: reg, correctionId: id, name: `Correção ${id}${reg ? ` (cadastro ${reg})` : ''}` };
  for (const spec of SEALED) {
    const count = (db.prepare(`SELECT count(*) FROM ${spec.table}`).pluck().get() as number) ?? 0;
    const label = spec.table === 'professionals' ? 'Conferindo os cadastros…' : 'Conferindo as correções…';
    context?.progress({ phase: spec.table, label, done: 0, total: count });
    const digest = new DigestAccumulator(null);
    const regSql = spec.table === 'professionals' ? 't.registration_number' : '(SELECT p.registration_number FROM professionals p WHERE p.id = t.professional_id)';
    let done = 0;
    const iterator = db
      .prepare(`SELECT t.id, ${regSql}, ${rowJsonSql(spec.table)}, s.seal FROM ${spec.table} t LEFT JOIN ${spec.seals} s ON s.id = t.id`)
      .raw()
      .iterate() as IterableIterator<[number, string | null, string, Buffer | null]>;
    for (const [id, reg, json, seal] of iterator) {
      if (waiting.has(`${spec.kind}:${id}`)) {
        digest.add(seal);
        continue;
      }
      if (seal === null) {
        const who = describe(spec.table, id, reg);
        report({ table: spec.table, registrationNumber: who.registrationNumber, correctionId: who.correctionId, fields: [], message: `${who.name}: gravado fora do CRESS Desk (sem o selo da mesa).` });
      } else {
        digest.add(seal);
        const check = checkRow(keyHex, spec.table, json, seal);
        if (!check.sound) {
          const who = describe(spec.table, id, reg);
          const labels = check.columns.map((c) => columnLabel(spec.table, c));
          report({ table: spec.table, registrationNumber: who.registrationNumber, correctionId: who.correctionId, fields: check.columns, message: `${who.name}: ${changedText(labels)}.` });
        }
      }
      if (++done % 50_000 === 0) context?.progress({ phase: spec.table, label, done, total: count });
    }
    const orphans = db.prepare(`SELECT s.id, s.seal FROM ${spec.seals} s WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.id = s.id)`).raw().all() as [number, Buffer][];
    for (const [id, seal] of orphans) {
      digest.add(seal);
      report({
        table: spec.table,
        registrationNumber: null,
        correctionId: spec.table === 'corrections' ? id : null,
        fields: [],
        message: spec.table === 'professionals' ? `Um cadastro (número interno ${id}) foi apagado fora do CRESS Desk.` : `A correção ${id} foi apagada fora do CRESS Desk.`,
      });
    }
    const expected = (spec.table === 'professionals' ? anchor?.professionalsDigest : anchor?.correctionsDigest) ?? ZERO_DIGEST;
    if (waiting.size === 0 && digest.hex() !== expected) {
      report({
        table: spec.table,
        registrationNumber: null,
        correctionId: null,
        fields: [],
        message:
          spec.table === 'professionals'
            ? 'Os cadastros não conferem com o controle do histórico: cadastros foram apagados ou voltaram a uma versão antiga fora do CRESS Desk.'
            : 'As correções não conferem com o controle do histórico: correções foram apagadas ou voltaram a uma versão antiga fora do CRESS Desk.',
      });
    }
    context?.progress({ phase: spec.table, label, done: count, total: count });
  }
  // Rows the desk found altered when it opened the store (recorded in the chain): still reported
  // after the desk wrote them again.
  const recorded = db.prepare("SELECT at, detail FROM audit_log WHERE action = 'store.outside_changes' ORDER BY id").all() as { at: string; detail: string }[];
  for (const entry of recorded) {
    let detail: { rows?: { t?: string; id?: number; c?: string[] }[]; found?: string } = {};
    try {
      detail = JSON.parse(entry.detail) as typeof detail;
    } catch {
      continue; // the chain check reports a damaged entry
    }
    for (const row of detail.rows ?? []) {
      const table: SealedTable = row.t === 'c' ? 'corrections' : 'professionals';
      const id = Number(row.id);
      const reg =
        table === 'professionals'
          ? ((registrationOf.get(id) as string | undefined) ?? null)
          : ((db.prepare('SELECT p.registration_number FROM corrections c JOIN professionals p ON p.id = c.professional_id WHERE c.id = ?').pluck().get(id) as string | undefined) ?? null);
      const who = describe(table, id, reg);
      const labels = (row.c ?? []).map((c) => columnLabel(table, c));
      report({
        table,
        registrationNumber: who.registrationNumber,
        correctionId: who.correctionId,
        fields: row.c ?? [],
        message: `${who.name}: ${changedText(labels)} (encontrado ${foundWhen(detail)} em ${formatDateTimeBr(entry.at)}).`,
      });
    }
  }
  return { rows, total, waiting: waiting.size };
}

/** Notices of what the desk found and repaired when it opened the store. */
function openingNotices(db: Database.Database): string[] {
  const entries = db
    .prepare("SELECT id, at, action, detail FROM audit_log WHERE action IN ('store.guards_restored', 'store.outside_changes') ORDER BY id")
    .all() as { id: number; at: string; action: string; detail: string }[];
  return entries.map((e) => {
    let d: Record<string, unknown> = {};
    try {
      d = JSON.parse(e.detail) as Record<string, unknown>;
    } catch {
      /* the chain check reports a damaged entry */
    }
    const when = formatDateTimeBr(e.at);
    if (e.action === 'store.outside_changes') {
      const p = Number(d.professionals ?? 0);
      const c = Number(d.corrections ?? 0);
      return `Em ${when}, ${foundWhen(d)}, havia ${p} ${p === 1 ? 'cadastro alterado' : 'cadastros alterados'} e ${c} ${c === 1 ? 'correção alterada' : 'correções alteradas'} por outro programa (entrada ${e.id}).`;
    }
    const names = (key: string) => (Array.isArray(d[key]) ? (d[key] as string[]) : []);
    const parts = [
      ...(names('missing').length > 0 ? [`ausentes: ${names('missing').join(', ')}`] : []),
      ...(names('altered').length > 0 ? [`alterados: ${names('altered').join(', ')}`] : []),
      ...(names('foreign').length > 0 ? [`incluídos por outro programa e removidos: ${names('foreign').join(', ')}`] : []),
    ];
    return `Em ${when}, ${foundWhen(d)}, gatilhos de proteção foram restaurados (${parts.join('; ')}) — entrada ${e.id}. Alguém mexeu na estrutura do banco fora do CRESS Desk.`;
  });
}

/** Sealed lotes whose data is no longer what they were sealed with (the check a lote's export makes). */
function rewrittenLotesProblem(db: Database.Database): string | null {
  const numbers = rewrittenLotes(db);
  if (numbers.length === 0) return null;
  const which = numbers.length === 1 ? `do lote ${numbers[0]}` : `dos lotes ${numbers.join(', ')}`;
  return `Os dados ${which} foram alterados fora do CRESS Desk depois da lacração: o que ${numbers.length === 1 ? 'ele diz' : 'eles dizem'} agora não é o que foi lacrado, e ${numbers.length === 1 ? 'ele não será exportado' : 'eles não serão exportados'}. Restaure uma cópia de segurança anterior à alteração.`;
}

/** The whole verification, in one read transaction (one consistent view of the store). */
export function verifyAudit(db: Database.Database, context?: Pick<JobContext, 'progress'>): AuditVerification {
  return db.transaction((): AuditVerification => {
    context?.progress({ phase: 'chain', label: 'Conferindo o histórico de auditoria…', done: 0, total: null });
    const chain = verifyAuditChain(db);
    const notices = [...chain.notices, ...openingNotices(db)];
    const base: AuditVerification = { ...chain, problemFrom: chain.problem === null ? null : 'chain', notices, rows: [], rowProblems: 0 };
    /** The first check that fails gives the verdict's problem; the others still make it fail. */
    const fails = (problem: string, from: NonNullable<AuditVerification['problemFrom']>) => {
      base.ok = false;
      if (base.problem === null) Object.assign(base, { problem, problemFrom: from });
    };
    // Who may sign, as the trail says: the admin PIN, the operators it added and disabled, their PINs.
    const signers = [adminPinOutsideProblem(db), operatorsOutsideProblem(db), pinsOutsideProblem(db)].filter((p) => p !== null);
    if (signers.length > 0) fails(signers.join(' '), 'signers');
    const lotes = rewrittenLotesProblem(db);
    if (lotes !== null) fails(lotes, 'lotes');
    const key = readAuditKeyOrNull(); // none, or damaged: the chain check says why
    const anchor = readAnchor(db);
    // The rows are sealed with the key that signs the chain now: without it they cannot be checked.
    if (!key || !anchor || anchor.keyId !== key.id) return base;
    const { rows, total, waiting } = verifyRows(db, key, context);
    if (waiting > 0) base.notices.push(`Uma importação está sendo gravada: ${formatCount(waiting)} ${waiting === 1 ? 'registro ainda sem selo não foi conferido' : 'registros ainda sem selo não foram conferidos'}. Verifique de novo quando ela terminar.`);
    if (total === 0) return base;
    fails(
      total === 1 ? `1 registro não confere com o histórico: ${rows[0]?.message ?? ''}` : `${formatCount(total)} registros não conferem com o histórico. Primeiro: ${rows[0]?.message ?? ''}`,
      'rows',
    );
    return { ...base, rows, rowProblems: total };
  })();
}

/** The `audit.verify` job: its own read-only connection. */
export const verifyAuditJob: JobFn<Record<string, never>, AuditVerification> = (_input, context) => {
  const db = openStoreReader(context.storePath);
  try {
    return verifyAudit(db, context);
  } finally {
    db.close();
  }
};

/** `audit:verify`: the job, awaited (off the main thread where the runner has a worker). */
export async function runAuditVerify(jobs: JobRunner): Promise<AuditVerification> {
  const status = await jobs.wait(jobs.start('audit:verify', {}));
  if (status.state === 'done') return status.result as AuditVerification;
  const error = status.error ?? { code: 'INTERNAL' as const, message: 'Tarefa interrompida.' };
  throw new AppError(error.code, error.message, { details: error.details });
}

