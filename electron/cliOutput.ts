// Human-readable output of the `cress-desk` command (with --json the raw result is printed instead).
import type { AppInfo, AuditVerification, CepEntry, Correction, CorrectionListItem, Output, PendencyView, ProfessionalSummary, RegistryConflict, Settings } from '../shared/contract';
import type { Professional } from '../shared/domain';
import { FIELDS, fieldLabel, MOTHER_FACT_FIELD, type FieldName } from '../shared/fields';
import { decodeMotherFact, motherFactWords } from '../shared/rules/motherFact';
import { formatCep } from '../shared/rules/cep';
import { formatCpf } from '../shared/rules/cpf';
import { formatDateBr, formatDateTimeBr } from '../shared/rules/dates';
import { DIP_LABELS, MARITAL_LABELS, formatPhone } from '../shared/rules/vocabulary';
import { regionLabel } from '../shared/regions';

const STATUS_LABELS: Record<Correction['status'], string> = {
  pending: 'Pendente',
  batched: 'Em lote',
  sent: 'Enviada',
  synced: 'Sincronizada',
  rejected: 'Rejeitada',
  cancelled: 'Cancelada',
};

/** `registry show`: the record with what is wrong with it and what waits for the clerk. */
export type ShownRecord = Professional & { pendencies: PendencyView[]; rejections: Correction[]; conflicts: RegistryConflict[] };

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

function count(n: number): string {
  return n.toLocaleString('pt-BR');
}

function showValue(field: FieldName | typeof MOTHER_FACT_FIELD, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === MOTHER_FACT_FIELD) return motherFactWords(decodeMotherFact(String(value))) || '—';
  if (field === 'motherNotListed') return value === true || value === 'true' ? 'Sim' : 'Não';
  if (field === 'cpf') return formatCpf(String(value));
  if (field === 'cep') return formatCep(String(value));
  if (field === 'phone') return formatPhone(String(value));
  if (field === 'birthDate') return formatDateBr(String(value));
  if (field === 'maritalStatus') return MARITAL_LABELS[value as keyof typeof MARITAL_LABELS] ?? String(value);
  return String(value);
}

function correctionLine(c: Correction): string[] {
  const field = c.field as FieldName;
  return [formatDateTimeBr(c.createdAt), fieldLabel(c.field), `${showValue(field, c.oldValue)} → ${showValue(field, c.newValue)}`, STATUS_LABELS[c.status]];
}

export const renderers = {
  info: (info: AppInfo) =>
    [
      `CRESS Desk ${info.version} (schema ${info.schemaVersion})`,
      `Store: ${info.storePath}`,
      `Desk: ${info.settings ? `${regionLabel(info.settings.region)}, operator ${info.settings.operator}` : 'not set up (run: cress-desk init --region N --operator NAME)'}`,
      `Professionals: ${count(info.professionals)}`,
    ].join('\n'),
  settings: (s: Settings) => `Desk set up: ${regionLabel(s.region)}${s.seccional ? `, seccional ${s.seccional}` : ''}, operator ${s.operator}.`,
  demo: (r: { inserted: number; total: number }) => `Added ${count(r.inserted)} demo professionals (${count(r.total)} in the registry).`,
  professional: (p: ShownRecord) =>
    [
      table([
        ['Registro', p.registrationNumber],
        ...Object.keys(FIELDS).map((f) => [FIELDS[f as FieldName].label, showValue(f as FieldName, p[f as FieldName])]),
        ['Situação do DIP', `${DIP_LABELS[p.dipStatus]}${p.dipStatusAt ? ` (em ${formatDateBr(p.dipStatusAt)})` : ''}`],
        ['Versão', String(p.rowVersion)],
      ]),
      ...p.pendencies.map((d) => `Pendência: ${d.message}`),
      ...p.rejections.map(
        (c) => `Rejeitada pela Implanta (${c.uuid}): ${fieldLabel(c.field)} “${showValue(c.field as FieldName, c.newValue)}” — ${c.statusMessage ?? 'sem motivo informado'}`,
      ),
      ...p.conflicts.map(
        (c) => `Conflito ${c.id}: ${fieldLabel(c.field)} — arquivo “${showValue(c.field as FieldName, c.fileValue)}”, mesa “${showValue(c.field as FieldName, c.deskValue)}”`,
      ),
    ].join('\n'),
  cancelled: (r: { uuid: string; reverted: boolean }) =>
    `Correction ${r.uuid} cancelled${r.reverted ? '; the record shows the previous value again' : ' (the record had changed since: left as it is)'}.`,
  dismissed: (r: { uuid: string; label: string }) => `Rejection of ${r.label} (${r.uuid}) dismissed.`,
  search: (page: Output<'registry:search'>) =>
    page.items.length === 0
      ? 'No professional found.'
      : `${table([
          ['Registro', 'Nome', 'CPF', 'Município/UF', 'DIP'],
          ...page.items.map((p: ProfessionalSummary) => [p.registrationNumber, p.name, p.cpfMasked, [p.city, p.uf].filter(Boolean).join('/'), DIP_LABELS[p.dipStatus]]),
        ])}\n${count(page.total)} found (page ${page.page + 1}).`,
  corrections: (r: { corrections: Correction[] }) =>
    `Saved ${r.corrections.length} correction(s), queued for Implanta:\n${table(r.corrections.map(correctionLine))}` +
    (r.corrections[0]?.dipConsequence === 'correct_dip_request' ? '\nThe DIP request must also be corrected by Implanta.' : '') +
    (r.corrections[0]?.dipConsequence === 'new_card_required' ? '\nThe DIP already went to manufacture: a new card must be requested.' : ''),
  queue: (page: Output<'corrections:list'>) =>
    page.items.length === 0
      ? 'The queue is empty.'
      : `${table([
          ['Data', 'Profissional', 'CPF', 'Campo', 'Alteração', 'Situação'],
          ...page.items.map((c: CorrectionListItem) => {
            const [date, field, change, status] = correctionLine(c);
            return [date ?? '', c.professionalName, c.cpfMasked, field ?? '', change ?? '', status ?? ''];
          }),
        ])}\n${count(page.total)} correction(s).`,
  cep: (r: { entry: CepEntry; created: boolean }) =>
    `${r.created ? 'Added' : 'Updated'} CEP ${formatCep(r.entry.cep)}: ${r.entry.street}, ${r.entry.district}, ${r.entry.city}/${r.entry.uf} — queued for Implanta.`,
  auditExport: (r: { path: string; entries: number }) => `Audit trail exported: ${count(r.entries)} entries in ${r.path}.`,
  audit: (v: AuditVerification) =>
    [
      v.ok
        ? `Audit trail intact: ${count(v.entries)} entries verified${v.signedFrom !== null ? `, signed from entry ${v.signedFrom}` : ''}; professionals and corrections match it.`
        : v.brokenAt !== null
          ? `AUDIT TRAIL BROKEN at entry ${v.brokenAt}: ${v.problem}`
          : `AUDIT TRAIL BROKEN: ${v.problem}`,
      ...v.rows.map((r) => `  - ${r.message}`),
      ...(v.rowProblems > v.rows.length ? [`  … ${count(v.rowProblems - v.rows.length)} more`] : []),
      ...v.notices.map((n) => `Aviso: ${n}`),
    ].join('\n'),
};
