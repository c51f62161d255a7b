// The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, with a
// one-row anchor holding the count and newest hash so removing the newest entries shows too.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../shared/contract/registry';
import type { AuditVerification } from '../shared/contract/audit';
import { fieldLabel } from '../shared/fields';
import { regionLabel } from '../shared/regions';
import { formatCep } from '../shared/rules/cep';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  at: string;
  operator: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const payload = JSON.stringify([row.id, row.at, row.operator, row.action, row.entity, row.entity_id, row.detail]);
  return createHash('sha256').update(`${prevHash}\n${payload}`).digest('hex');
}

/** Appends one entry (inside the caller's transaction, or its own) and returns its id. */
export function appendAudit(db: Database, input: AuditInput): number {
  return db.transaction(() => {
    const anchor = db.prepare('SELECT count, last_hash AS lastHash FROM audit_anchor WHERE id = 1').get() as
      | { count: number; lastHash: string }
      | undefined;
    if (!anchor) throw new Error('audit anchor missing');
    // The id AUTOINCREMENT would give, known before the insert because it is part of the hash.
    const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
    const row = {
      id: (seq?.seq ?? 0) + 1,
      at: input.at,
      operator: input.operator,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      detail: JSON.stringify(input.detail ?? {}),
    };
    const hash = entryHash(anchor.lastHash, row);
    db.prepare(
      `INSERT INTO audit_log (id, at, operator, action, entity, entity_id, detail, prev_hash, hash)
       VALUES (@id, @at, @operator, @action, @entity, @entity_id, @detail, @prev_hash, @hash)`,
    ).run({ ...row, prev_hash: anchor.lastHash, hash });
    db.prepare('UPDATE audit_anchor SET count = count + 1, last_hash = ? WHERE id = 1').run(hash);
    return row.id;
  })();
}

/** Recomputes the whole chain and compares it with the anchor. */
export function verifyAuditChain(db: Database): AuditVerification {
  const anchor = db.prepare('SELECT count, last_hash AS lastHash FROM audit_anchor WHERE id = 1').get() as
    | { count: number; lastHash: string }
    | undefined;
  let entries = 0;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  const broken = (brokenAt: number | null, problem: string): AuditVerification => ({ ok: false, entries, brokenAt, problem });

  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    entries++;
    if (row.prev_hash !== prevHash) {
      return finish(broken(row.id, `A entrada ${row.id} do histórico não continua a anterior: entradas foram apagadas ou alteradas antes dela.`));
    }
    if (entryHash(prevHash, row) !== row.hash) {
      return finish(broken(row.id, `A entrada ${row.id} do histórico foi alterada depois de gravada.`));
    }
    prevHash = row.hash;
    lastId = row.id;
  }

  if (!anchor) return broken(null, 'O controle do histórico de auditoria foi apagado: não é possível garantir que o histórico está completo.');
  if (entries < anchor.count) {
    const missing = anchor.count - entries;
    return broken(
      lastId + 1,
      missing === 1
        ? `A entrada ${lastId + 1} do histórico foi apagada: o histórico deveria ter ${anchor.count} entradas e tem ${entries}.`
        : `As últimas ${missing} entradas do histórico foram apagadas: o histórico deveria ter ${anchor.count} entradas e tem ${entries}.`,
    );
  }
  if (entries > anchor.count || prevHash !== anchor.lastHash) {
    return broken(lastId || null, 'O histórico não confere com o seu controle: entradas foram incluídas ou substituídas fora do CRESS Desk.');
  }
  return { ok: true, entries, brokenAt: null, problem: null };

  // When the chain breaks early, still report how many entries the log holds.
  function finish(result: AuditVerification): AuditVerification {
    const total = db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    return { ...result, entries: total.n };
  }
}

export function auditEntriesOf(db: Database, entity: string, entityId: string): AuditEntry[] {
  const rows = db
    .prepare('SELECT id, at, operator, action, entity, entity_id, detail FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC')
    .all(entity, entityId) as Omit<AuditRow, 'prev_hash' | 'hash'>[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    operator: row.operator,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: auditSummary(row.action, parseDetail(row.detail)),
  }));
}

function parseDetail(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** "1.234" */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function basenameOf(path: unknown): string {
  return typeof path === 'string' ? (path.split(/[\\/]/).pop() ?? path) : '';
}

/** One Portuguese line per entry, e.g. "Correção: E-mail, Nome da mãe". */
export function auditSummary(action: string, detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>;
  switch (action) {
    case 'correction.save': {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]).map(fieldLabel) : [];
      return fields.length > 0 ? `Correção: ${fields.join(', ')}` : 'Correção';
    }
    case 'settings.setup':
      return typeof d.region === 'number' ? `Mesa configurada: ${regionLabel(d.region)}, operador ${String(d.operator ?? '')}` : 'Mesa configurada';
    case 'settings.update': {
      const names: Record<string, string> = { operator: 'operador', seccional: 'seccional' };
      const changed = Object.keys((d.changes ?? {}) as object).map((k) => names[k] ?? k);
      return changed.length > 0 ? `Configuração alterada: ${changed.join(', ')}` : 'Configuração alterada';
    }
    case 'cep.save': {
      const cep = typeof d.cep === 'string' ? formatCep(d.cep) : '';
      return d.created ? `CEP ${cep} cadastrado` : `CEP ${cep} corrigido`;
    }
    case 'import.run':
      return `Importação de planilha: ${String(d.fileName ?? '')} (${formatCount(Number(d.accepted ?? 0))} linhas gravadas, ${formatCount(Number(d.rejected ?? 0))} recusadas)`;
    case 'import.undo':
      return `Importação desfeita: ${String(d.fileName ?? '')}`;
    case 'batch.create':
      return `Lote ${String(d.number ?? '')} gerado: ${formatCount(Number(d.corrections ?? 0))} correções, ${formatCount(Number(d.cepChanges ?? 0))} CEPs`;
    case 'batch.seal':
      return `Lote ${String(d.number ?? '')} fechado`;
    case 'batch.cancel':
      return `Lote ${String(d.number ?? '')} cancelado: itens de volta à fila`;
    case 'batch.export':
      return `Pacote do lote ${String(d.number ?? '')} exportado${d.encrypted ? ' com senha' : ''}: ${String(d.fileName ?? '')}`;
    case 'batch.send':
      return `Lote ${String(d.number ?? '')} marcado como enviado à Implanta`;
    case 'batch.acknowledge':
      return `Confirmação do lote ${String(d.number ?? '')} importada: ${formatCount(Number(d.applied ?? 0))} aplicadas, ${formatCount(Number(d.rejected ?? 0))} rejeitadas`;
    case 'backup.create':
      return `Backup criado${d.encrypted ? ' com senha' : ''}: ${basenameOf(d.file)}`;
    case 'backup.restore':
      return `Backup restaurado: ${basenameOf(d.file)} (dados anteriores guardados em ${basenameOf(d.previousStore)})`;
    case 'backup.settings':
      return 'Rotina de backup alterada';
    case 'correction.cancel':
      return `Correção cancelada: ${fieldLabel(String(d.field ?? ''))}${d.batch ? ` (retirada do lote ${String(d.batch)})` : ''}`;
    case 'correction.dismiss_rejection':
      return `Rejeição dispensada: ${fieldLabel(String(d.field ?? ''))}`;
    case 'registry.conflict_resolve':
      return `Conflito com o sistema principal em ${fieldLabel(String(d.field ?? ''))}: ${d.choice === 'file' ? 'valor do arquivo aplicado' : 'correção mantida'}`;
    case 'batch.remove_item':
      return `Item retirado do lote ${String(d.number ?? '')}: ${d.kind === 'cep' ? 'alteração de CEP' : fieldLabel(String(d.field ?? ''))}`;
    case 'registry.export':
      return `Cadastros exportados para o sistema principal: ${basenameOf(d.fileName ?? d.file)} (${formatCount(Number(d.rows ?? 0))} cadastros)`;
    case 'registry.demo':
      return `Cadastros de demonstração: ${formatCount(Number(d.count ?? 0))} profissionais`;
    default:
      return action;
  }
}
