// Human-readable output of the `cress-desk` command (with --json the raw result is printed instead).
import type { AppInfo, AuditVerification, CepEntry, Correction, CorrectionListItem, Output, PendencyView, ProfessionalSummary, RegistryConflict, Settings } from '../../shared/contract';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { formatFieldValue } from '../../shared/display/values';
import type { Professional } from '../../shared/domain';
import { FIELDS, fieldLabel, type FieldName } from '../../shared/fields';
import { formatCep } from '../../shared/rules/cep';
import { formatDateBr, formatDateTimeBr } from '../../shared/rules/dates';
import { DIP_LABELS } from '../../shared/rules/vocabulary';
import { regionLabel } from '../../shared/regions';
import { pageLine } from './types';

/** `registry show`: the record with what is wrong with it and what waits for the clerk. */
export type ShownRecord = Professional & { pendencies: PendencyView[]; rejections: Correction[]; conflicts: RegistryConflict[] };

/** Rows as columns padded to their widest cell, two spaces apart. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

// The id last: it is what `corrections cancel`, `corrections dismiss` and `batch remove` take.
function correctionLine(c: Correction): string[] {
  return [formatDateTimeBr(c.createdAt), fieldLabel(c.field), `${formatFieldValue(c.field, c.oldValue)} → ${formatFieldValue(c.field, c.newValue)}`, CORRECTION_STATUS_LABELS[c.status], c.uuid];
}

/** The region, the seccional when there is one, and every operator who may sign. */
function deskLine(settings: Settings, operators: string[]): string {
  const names = operators.length > 0 ? operators : [settings.operator];
  return `${regionLabel(settings.region)}${settings.seccional ? `, seccional ${settings.seccional}` : ''}, ${names.length === 1 ? 'operator' : 'operators'} ${names.join(', ')}`;
}

export const renderers = {
  info: (info: AppInfo) =>
    [
      `CRESS Desk ${info.version} (schema ${info.schemaVersion})`,
      `Store: ${info.storePath}`,
      `Desk: ${info.settings ? deskLine(info.settings, info.operators) : 'not set up (run: cress-desk init --region N --operator NAME)'}`,
      `Professionals: ${formatCount(info.professionals)}`,
    ].join('\n'),
  settings: (s: Settings) => `Desk set up: ${regionLabel(s.region)}${s.seccional ? `, seccional ${s.seccional}` : ''}, operator ${s.operator}.`,
  demo: (r: { inserted: number; total: number }) => `Added ${plural(r.inserted, 'demo professional', 'demo professionals')} (${formatCount(r.total)} in the registry).`,
  professional: (p: ShownRecord) =>
    [
      table([
        ['Registro', p.registrationNumber],
        ...Object.keys(FIELDS).map((f) => [FIELDS[f as FieldName].label, formatFieldValue(f, p[f as FieldName])]),
        ['Situação do DIP', `${DIP_LABELS[p.dipStatus]}${p.dipStatusAt ? ` (em ${formatDateBr(p.dipStatusAt)})` : ''}`],
        ['Versão', String(p.rowVersion)],
      ]),
      ...p.pendencies.map((d) => `Pendência: ${d.message}`),
      ...p.rejections.map(
        (c) => `Rejeitada pela Implanta (${c.uuid}): ${fieldLabel(c.field)} “${formatFieldValue(c.field, c.newValue)}” — ${c.statusMessage ?? 'sem motivo informado'}`,
      ),
      ...p.conflicts.map(
        (c) =>
          `Conflito ${c.id}: ${fieldLabel(c.field)} — arquivo “${formatFieldValue(c.field, c.fileValue)}”, mesa “${formatFieldValue(c.field, c.deskValue)}”${
            c.correctionOutcome ? ` (a correção foi ${c.correctionOutcome === 'rejected' ? 'rejeitada pela Implanta' : 'cancelada'})` : ''
          }`,
      ),
    ].join('\n'),
  cancelled: (r: { uuid: string; reverted: boolean; withIt?: string[] }) =>
    `Correction ${r.uuid} cancelled${r.reverted ? '; the record shows the previous value again' : ' (the record had changed since: left as it is)'}.` +
    (r.withIt && r.withIt.length > 0 ? `\nThe rest of the address saved with it was cancelled too (an address goes whole): ${r.withIt.join(', ')}.` : ''),
  dismissed: (r: { uuid: string; label: string }) => `Rejection of ${r.label} (${r.uuid}) dismissed.`,
  search: (page: Output<'registry:search'>) =>
    page.items.length === 0
      ? page.total > 0
        ? `No professional on this page: ${formatCount(page.total)} found (${pageLine(page)}).`
        : 'No professional found.'
      : `${table([
          ['Registro', 'Nome', 'CPF', 'Município/UF', 'DIP'],
          ...page.items.map((p: ProfessionalSummary) => [p.registrationNumber, p.name, p.cpfMasked, [p.city, p.uf].filter(Boolean).join('/'), DIP_LABELS[p.dipStatus]]),
        ])}\n${formatCount(page.total)} found (${pageLine(page)}).`,
  corrections: (r: { corrections: Correction[]; dipWarningMessage?: string | null; conflictsClosed?: number; conflictsReopened?: number; refusedBefore?: { message: string }[] }) =>
    `Saved ${plural(r.corrections.length, 'correction', 'corrections')}, queued for Implanta:\n${table(r.corrections.map(correctionLine))}` +
    (r.refusedBefore ?? []).map((refused) => `\nWarning: ${refused.message}`).join('') +
    (r.corrections[0]?.dipConsequence === 'correct_dip_request' ? '\nThe DIP request must also be corrected by Implanta.' : '') +
    (r.corrections[0]?.dipConsequence === 'new_card_required' ? '\nThe DIP already went to manufacture: a new card must be requested.' : '') +
    (r.dipWarningMessage ? `\nDIP: ${r.dipWarningMessage}` : '') +
    (r.conflictsClosed ? `\n${plural(r.conflictsClosed, 'open conflict', 'open conflicts')} closed: the record now holds the main system's value.` : '') +
    (r.conflictsReopened
      ? `\n${plural(r.conflictsReopened, 'conflict', 'conflicts')} with the main system open again: the record no longer holds its value (cress-desk registry conflicts).`
      : ''),
  queue: (page: Output<'corrections:list'>) =>
    page.items.length === 0
      ? page.total > 0
        ? `No correction on this page: ${plural(page.total, 'correction', 'corrections')} (${pageLine(page)}).`
        : 'The queue is empty.'
      : `${table([
          ['Data', 'Profissional', 'CPF', 'Campo', 'Alteração', 'Situação', 'Id'],
          ...page.items.map((c: CorrectionListItem) => {
            const [date, field, change, status, id] = correctionLine(c);
            return [date ?? '', c.professionalName, c.cpfMasked, field ?? '', change ?? '', status ?? '', id ?? ''];
          }),
        ])}\n${plural(page.total, 'correction', 'corrections')} (${pageLine(page)}).`,
  cep: (r: { entry: CepEntry; created: boolean; refusedBefore?: string | null }) =>
    // A CEP of a whole município has no street (nor, sometimes, a district): no empty place for them.
    `${r.created ? 'Added' : 'Updated'} CEP ${formatCep(r.entry.cep)}: ${[r.entry.street, r.entry.district, `${r.entry.city}/${r.entry.uf}`].filter((part) => part.trim() !== '').join(', ')} — queued for Implanta.` +
    (r.refusedBefore ? `\nWarning: ${r.refusedBefore}` : ''),
  cepList: (page: Output<'cep:list'>) =>
    page.items.length === 0
      ? page.total > 0
        ? `No CEP on this page: ${plural(page.total, 'CEP', 'CEPs')} (${pageLine(page)}).`
        : 'No CEP in the directory matches.'
      : `${table([
          ['CEP', 'Endereço', 'Situação', 'Motivo da Implanta'],
          ...page.items.map((e: CepEntry) => [
            formatCep(e.cep),
            [e.street, e.district, `${e.city}/${e.uf}`].filter((part) => part.trim() !== '').join(', '),
            CORRECTION_STATUS_LABELS[e.status],
            e.statusMessage ?? '',
          ]),
        ])}\n${plural(page.total, 'CEP', 'CEPs')} (${pageLine(page)}).`,
  auditExport: (r: { path: string; entries: number }) => `Audit trail exported: ${plural(r.entries, 'entry', 'entries')} in ${r.path}.`,
  audit: (v: AuditVerification) =>
    [
      v.ok
        ? `Audit trail intact: ${plural(v.entries, 'entry', 'entries')} verified${v.signedFrom !== null ? `, signed from entry ${v.signedFrom}` : ''}; professionals and corrections match it.`
        : v.brokenAt !== null
          ? `AUDIT TRAIL BROKEN at entry ${v.brokenAt}.`
          : v.problemFrom === 'rows'
            ? `AUDIT TRAIL BROKEN: ${plural(v.rowProblems, 'row does', 'rows do')} not match it.`
            : 'AUDIT TRAIL BROKEN.',
      // The verdict in the command line's words; what the desk found, in its own, on a line of its own
      // — but the rows' summary only names the first row, and the command line lists them all.
      ...(v.ok || !v.problem || v.problemFrom === 'rows' ? [] : [`  ${v.problem}`]),
      ...v.rows.map((r) => `  - ${r.message}`),
      ...(v.rowProblems > v.rows.length ? [`  … ${formatCount(v.rowProblems - v.rows.length)} more`] : []),
      ...v.notices.map((n) => `Warning: ${n}`),
    ].join('\n'),
};
