// A registry import: the initial load and refreshes from the council's main system. Each row inserts
// a professional (new registration number) or updates one, DIP status included. It is the council's
// own data, not a change for Implanta: no corrections are queued. The same rules hold: values, the
// mother rule on the record as it would be, CEP within UF.
import type { Statement } from 'better-sqlite3';
import type { DipStatus, Professional } from '../../../shared/domain';
import { FIELD_NAMES, isFieldName, type FieldName, type FieldValue } from '../../../shared/fields';
import { formatCpf, parseCpf } from '../../../shared/rules/cpf';
import { planCorrection } from '../../../shared/rules/correction';
import { parseFieldValue } from '../../../shared/rules/fieldValue';
import { parseText } from '../../../shared/rules/names';
import { parseDipStatus, parseFlag } from '../../../shared/rules/vocabulary';
import { foldForSearch } from '../../../shared/text';
import { directoryUfOf } from '../../cep';
import { ClaimTracker } from '../claims';
import type { RowIssue } from '../columns';
import type { RawRow } from '../readers/source';
import { differing, duplicateIssue } from './common';
import { columnValue, ProfessionalStore } from './professionals';
import { rejected, type KindProcessor, type ProcessorContext, type ProcessorTotals, type RowOutcome } from './types';

const REGISTRATION_MAX = 20;
const TRACKED = [...FIELD_NAMES, 'dipStatus'];

/** A record that does not exist yet: what planCorrection compares a new row against. */
function blankProfessional(registrationNumber: string, now: string): Professional {
  const blank: Record<string, unknown> = Object.fromEntries(FIELD_NAMES.map((field) => [field, null]));
  return {
    ...(blank as unknown as Professional),
    id: 0,
    registrationNumber,
    cpf: '',
    name: '',
    motherNotListed: false,
    dipStatus: 'none',
    rowVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
}

export class RegistryProcessor implements KindProcessor {
  private readonly store: ProfessionalStore;
  private readonly claims: ClaimTracker;
  private readonly insertStatement: Statement;
  private readonly fields: FieldName[];
  private inserted = 0;
  private updated = 0;

  constructor(private readonly context: ProcessorContext) {
    this.store = new ProfessionalStore(context.db);
    this.claims = new ClaimTracker(this.store.maxId() + 1, TRACKED);
    this.fields = context.columns.targets().filter((t): t is FieldName => isFieldName(t));
    const columns = ['registration_number', 'name_folded', 'dip_status', 'row_version', 'created_at', 'updated_at', ...FIELD_NAMES.map((f) => columnValue(f, null)[0])];
    this.insertStatement = context.db.prepare(`INSERT INTO professionals (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  }

  process(raw: RawRow): RowOutcome {
    const { columns, now } = this.context;
    const cells = raw.cells;
    const issues: RowIssue[] = [];
    const registration = columns.cell(cells, 'registrationNumber');
    const registrationColumn = columns.columnOf('registrationNumber');
    if (registration !== '') {
      const parsed = parseText(registration, REGISTRATION_MAX);
      if (!parsed.ok) issues.push({ column: registrationColumn, code: parsed.code, message: `Registro: ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}` });
    }
    const cpfText = columns.cell(cells, 'cpf');
    const cpf = cpfText === '' ? null : parseCpf(cpfText);
    if (cpf && !cpf.ok) issues.push({ column: columns.columnOf('cpf'), code: cpf.code, message: cpf.message });
    const cpfValue = cpf?.ok ? cpf.value : null;

    const requested: Record<string, string> = {};
    for (const field of this.fields) {
      const value = columns.cell(cells, field);
      if (value !== '' && field !== 'cpf') requested[field] = value;
    }
    let dipStatus: DipStatus | null = null;
    const dipText = columns.cell(cells, 'dipStatus');
    if (dipText !== '') {
      const dip = parseDipStatus(dipText);
      if (dip.ok) dipStatus = dip.value;
      else issues.push({ column: columns.columnOf('dipStatus'), code: dip.code, message: dip.message });
    }

    let existing: Professional | null = null;
    if (registration !== '') existing = this.store.findByRegistration(registration);
    else if (cpfValue) existing = this.store.findByCpf(cpfValue);
    if (!existing && registration === '') {
      issues.push({
        column: registrationColumn ?? columns.columnOf('cpf'),
        code: cpfValue ? 'PROFESSIONAL_NOT_FOUND' : 'VALUE_REQUIRED',
        message: cpfValue
          ? `Nenhum cadastro com o CPF ${formatCpf(cpfValue)}: para incluir um cadastro novo, informe também o registro.`
          : 'Informe o registro (ou o CPF) do profissional.',
      });
    }
    if (cpfValue && (!existing || existing.cpf !== cpfValue)) {
      const owner = this.store.findByCpf(cpfValue);
      if (owner && owner.id !== existing?.id) {
        issues.push({ column: columns.columnOf('cpf'), code: 'CPF_DUPLICATE', message: `Este CPF já pertence a outro cadastro (registro ${owner.registrationNumber}).` });
      }
    }
    if (cpfValue && (!existing || existing.cpf !== cpfValue)) requested.cpf = cpfValue;

    const current = existing ?? blankProfessional(registration, now);
    if (!existing) {
      if (!cpfText) issues.push({ column: columns.columnOf('cpf'), code: 'VALUE_REQUIRED', message: 'CPF é obrigatório para incluir um cadastro novo.' });
      if (!requested.name) issues.push({ column: columns.columnOf('name'), code: 'VALUE_REQUIRED', message: 'Nome é obrigatório para incluir um cadastro novo.' });
    }
    if (issues.length > 0) {
      // The row is refused already: still check each value, so the report lists every problem at once.
      for (const [field, value] of Object.entries(requested) as [FieldName, string][]) {
        if (field === 'cpf') continue;
        const parsed = parseFieldValue(field, value);
        if (!parsed.ok) issues.push({ column: columns.columnOf(field), code: parsed.code, message: parsed.message });
      }
      return rejected(dedupe(issues));
    }

    const plan = planCorrection(current, existing ? differing(existing, requested) : requested, { directoryUfOf: (cep) => directoryUfOf(this.context.db, cep) });
    for (const error of plan.errors) issues.push({ column: columns.columnFor(error.field), code: error.code, message: error.message });
    const changes: { field: FieldName | 'dipStatus'; value: FieldValue }[] = plan.changes.map((c) => ({ field: c.field, value: c.newValue }));
    if (dipStatus !== null && dipStatus !== current.dipStatus) changes.push({ field: 'dipStatus', value: dipStatus });

    const claimed = new Set<string>(Object.keys(requested));
    if (dipStatus !== null) claimed.add('dipStatus');
    if (requested.motherNotListed !== undefined) {
      const flag = parseFlag(requested.motherNotListed);
      if (flag.ok && flag.value) claimed.add('motherName');
    }
    if (requested.motherName !== undefined) claimed.add('motherNotListed');
    if (existing && plan.errors.length === 0) {
      for (const change of changes) {
        if (claimed.has(change.field) && this.claims.has(existing.id, change.field)) {
          issues.push(duplicateIssue(columns, change.field, this.claims.rowOf(existing.id, change.field), 'Este profissional'));
        }
      }
    }
    if (issues.length > 0) return rejected(dedupe(issues));

    if (existing) {
      this.claims.add(existing.id, claimed, raw.row);
      if (changes.length === 0) return { status: 'unchanged', issues: [], changes: 0, dipConsequence: 'none' };
      this.store.update(existing, changes, now);
      this.updated++;
      return { status: 'accepted', issues: [], changes: changes.length, dipConsequence: 'none' };
    }

    const record = { ...current } as unknown as Record<string, FieldValue>;
    for (const change of changes) record[change.field] = change.value;
    const values = FIELD_NAMES.map((field) => columnValue(field, record[field] ?? null)[1]);
    const result = this.insertStatement.run(registration, foldForSearch(String(record.name)), record.dipStatus, 1, now, now, ...values);
    this.claims.add(Number(result.lastInsertRowid), claimed, raw.row);
    this.inserted++;
    return { status: 'accepted', issues: [], changes: 1, dipConsequence: 'none' };
  }

  flush(): void {
    // Every row is written as it is processed.
  }

  totals(): ProcessorTotals {
    return { corrections: 0, inserted: this.inserted, updated: this.updated };
  }
}

/** One problem per column and code (a value checked twice reports once). */
function dedupe(issues: RowIssue[]): RowIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.column}:${issue.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
