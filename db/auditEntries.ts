// What the audit trail says, for people: a record's entries and one Portuguese line per entry
// (the record's history, the LGPD export). Writing and checking the trail is db/audit.ts.
import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../shared/contract/registry';
import { plural } from '../shared/display/plural';
import { fieldLabel } from '../shared/fields';
import { regionLabel } from '../shared/regions';
import { formatCep } from '../shared/rules/cep';
import { formatDateBr } from '../shared/rules/dates';
import { DIP_PAPER_ITEM_LABELS, DIP_PAPER_WAY_LABELS } from '../shared/rules/dipPaper';
import { ANCHOR_ALTERED, KEY_STARTED } from './audit';
import { hasAccountColumn } from './auditAccount';
import { contactAuditSummary } from './contacts/auditSummary';

export function auditEntriesOf(db: Database, entity: string, entityId: string): AuditEntry[] {
  const account = hasAccountColumn(db) ? 'account' : 'NULL AS account';
  const rows = db
    .prepare(`SELECT id, at, operator, ${account}, action, entity, entity_id, detail FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC`)
    .all(entity, entityId) as { id: number; at: string; operator: string; account: string | null; action: string; entity: string; entity_id: string | null; detail: string }[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    operator: row.operator,
    account: row.account,
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

function basenameOf(path: unknown): string {
  return typeof path === 'string' ? (path.split(/[\\/]/).pop() ?? path) : '';
}

function labelIn(labels: Record<string, string>, value: unknown): string {
  return typeof value === 'string' ? (labels[value] ?? value) : '';
}

/** When the desk found what another program did (db/storeGuards.ts): opening the store, or before a write while it was open. */
export function foundWhen(detail: Record<string, unknown>): string {
  return detail.found === 'write' ? 'antes de uma gravação' : 'ao abrir o banco';
}

/** One Portuguese line per entry, e.g. "Correção: E-mail, Nome da mãe". */
export function auditSummary(action: string, detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>;
  switch (action) {
    case 'correction.save': {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]).map(fieldLabel) : [];
      const contact = typeof d.contact === 'string' ? ` (atendimento ${d.contact})` : '';
      return `${fields.length > 0 ? `Correção: ${fields.join(', ')}` : 'Correção'}${contact}`;
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
      return `Importação de planilha: ${String(d.fileName ?? '')} (${plural(Number(d.accepted ?? 0), 'linha gravada', 'linhas gravadas')}, ${plural(Number(d.rejected ?? 0), 'recusada', 'recusadas')})`;
    case 'import.undo':
      return `Importação desfeita: ${String(d.fileName ?? '')}`;
    case 'batch.create':
      return `Lote ${String(d.number ?? '')} gerado: ${plural(Number(d.corrections ?? 0), 'correção', 'correções')}, ${plural(Number(d.cepChanges ?? 0), 'CEP', 'CEPs')}`;
    case 'batch.seal':
      return `Lote ${String(d.number ?? '')} lacrado`;
    case 'batch.cancel':
      return `Lote ${String(d.number ?? '')} cancelado: itens de volta à fila`;
    case 'batch.export':
      return `Pacote do lote ${String(d.number ?? '')} exportado${d.encrypted ? ' com senha' : ''}: ${String(d.fileName ?? '')}`;
    case 'batch.send':
      return `Lote ${String(d.number ?? '')} marcado como enviado à Implanta`;
    case 'batch.acknowledge':
      return `Confirmação do lote ${String(d.number ?? '')} importada: ${plural(Number(d.applied ?? 0), 'aplicada', 'aplicadas')}, ${plural(Number(d.rejected ?? 0), 'rejeitada', 'rejeitadas')}`;
    case 'backup.create':
      return `Backup criado${d.encrypted ? ' com senha' : ''}: ${basenameOf(d.file)}`;
    case 'backup.implanta':
      return `Cópia do banco para a Implanta gravada (criptografada com a senha combinada): ${basenameOf(d.file)}`;
    case 'key.export':
      return `Chave de recuperação exportada: ${basenameOf(d.fileName)}`;
    case 'backup.restore':
      return `Backup restaurado: ${basenameOf(d.file)} (dados anteriores guardados em ${basenameOf(d.previousStore)})`;
    case 'backup.settings':
      return 'Rotina de backup alterada';
    case 'correction.cancel':
      return `Correção cancelada: ${fieldLabel(String(d.field ?? ''))}${d.batch ? ` (retirada do lote ${String(d.batch)})` : ''}`;
    case 'correction.dismiss_rejection':
      return `Rejeição dispensada: ${fieldLabel(String(d.field ?? ''))}`;
    case 'cep.dismiss_rejection':
      return `Rejeição dispensada: CEP ${typeof d.cep === 'string' ? formatCep(d.cep) : ''}`;
    case 'registry.conflict_resolve':
      return `Conflito com o sistema do Regional em ${fieldLabel(String(d.field ?? ''))}: ${d.choice === 'file' ? 'valor do arquivo aplicado' : 'correção mantida'}`;
    case 'batch.remove_item':
      return `Item retirado do lote ${String(d.number ?? '')}: ${d.kind === 'cep' ? 'alteração de CEP' : fieldLabel(String(d.field ?? ''))}`;
    case 'registry.export':
      return `Cadastros exportados para o sistema do Regional: ${basenameOf(d.fileName ?? d.file)} (${plural(Number(d.rows ?? 0), 'cadastro', 'cadastros')})`;
    case 'quality.export':
      return `Pendências exportadas para corrigir: ${basenameOf(d.fileName ?? d.file)} (${plural(Number(d.rows ?? 0), 'cadastro', 'cadastros')})`;
    case 'dip.paper_arrived':
      return `DIP: chegada registrada — ${labelIn(DIP_PAPER_ITEM_LABELS, d.item)}, ${formatDateBr(String(d.arrivedOn ?? ''))}, ${labelIn(DIP_PAPER_WAY_LABELS, d.way)}`;
    case 'dip.paper_undone':
      return `DIP: chegada desfeita — ${labelIn(DIP_PAPER_ITEM_LABELS, d.item)} (${formatDateBr(String(d.arrivedOn ?? ''))})`;
    case 'registry.demo':
      return `Cadastros de demonstração: ${plural(Number(d.count ?? 0), 'profissional', 'profissionais')}`;
    case ANCHOR_ALTERED:
      return 'Controle do histórico encontrado alterado fora do CRESS Desk';
    case KEY_STARTED:
      return d.reason === 'other_key'
        ? 'Histórico assinado pela chave deste computador a partir daqui (o banco veio de outro computador)'
        : d.reason === 'key_replaced'
          ? 'Nova chave de assinatura do histórico (a anterior se perdeu)'
          : d.reason === 'unsigned'
            ? 'Histórico encontrado sem assinaturas: assinado a partir daqui'
            : 'Histórico passou a ser assinado pela chave deste computador';
    case 'store.guards_restored': {
      const names = [...(Array.isArray(d.missing) ? d.missing : []), ...(Array.isArray(d.altered) ? d.altered : []), ...(Array.isArray(d.foreign) ? d.foreign : [])];
      return `Proteções do banco restauradas ${foundWhen(d)}: ${plural(names.length, 'gatilho ausente ou alterado', 'gatilhos ausentes ou alterados')}`;
    }
    case 'store.outside_changes': {
      const p = Number(d.professionals ?? 0);
      const c = Number(d.corrections ?? 0);
      const parts = [...(p > 0 ? [plural(p, 'cadastro', 'cadastros')] : []), ...(c > 0 ? [plural(c, 'correção', 'correções')] : [])];
      return `Alterações feitas fora do CRESS Desk encontradas ${foundWhen(d)}: ${parts.join(' e ')}`;
    }
    default:
      return operatorAuditSummary(action, d) ?? contactAuditSummary(action, d) ?? action;
  }
}

/** The operators' entries: who was added, disabled, got or lost a PIN, or was locked out. */
function operatorAuditSummary(action: string, d: Record<string, unknown>): string | null {
  const name = typeof d.name === 'string' ? d.name : '';
  // Entries written before locks grew longer held no `minutes`: they were of a minute.
  const locked = `bloqueado por ${plural(typeof d.minutes === 'number' && d.minutes >= 1 ? d.minutes : 1, 'minuto', 'minutos')}`;
  const lines: Record<string, string> = {
    'operator.add': `Operador incluído: ${name}`,
    'operator.disable': `Operador desativado: ${name}`,
    'operator.pin_set': `PIN definido ${d.atSetup === true ? 'na configuração da mesa' : 'na primeira sessão'}: ${name}`,
    'operator.pin_reset': `PIN apagado com o PIN de administrador: ${name}`,
    'operator.pin_locked': `Cinco PINs incorretos seguidos: ${name} ${locked}`,
    'settings.admin_pin': 'PIN de administrador do CRESS definido',
    'settings.admin_pin_locked': `Cinco PINs de administrador incorretos seguidos: ${locked}`,
  };
  return lines[action] ?? null;
}
