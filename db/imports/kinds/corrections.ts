// A corrections import: each row changes one existing professional, found by registration number
// (then a CPF cell is a change) or by CPF. The row goes through the same planCorrection the form
// uses — values, the mother rule on the record as it would be, CEP within UF, the DIP rule — and
// becomes ordinary pending corrections (source `import`), one per changed field.
import type { Professional } from '../../../shared/domain';
import { FIELD_NAMES, isFieldName, type FieldName } from '../../../shared/fields';
import { formatCpf, parseCpf } from '../../../shared/rules/cpf';
import { planCorrection } from '../../../shared/rules/correction';
import { fieldValueToText, parseFieldValue } from '../../../shared/rules/fieldValue';
import { parseFlag } from '../../../shared/rules/vocabulary';
import { directoryUfOf } from '../../cep';
import { ClaimTracker } from '../claims';
import type { RowIssue } from '../columns';
import type { RawRow } from '../readers/source';
import { BatchedInsert } from './batchedInsert';
import { differing, duplicateIssue, reasonOf } from './common';
import { ProfessionalStore } from './professionals';
import { rejected, type KindProcessor, type ProcessorContext, type ProcessorTotals, type RowOutcome } from './types';

const EVIDENCE_MAX = 80;

export class CorrectionsProcessor implements KindProcessor {
  private readonly store: ProfessionalStore;
  private readonly claims: ClaimTracker;
  private readonly insert: BatchedInsert;
  private readonly fields: FieldName[];
  private corrections = 0;
  private updated = 0;

  constructor(private readonly context: ProcessorContext) {
    const { db, columns } = context;
    this.store = new ProfessionalStore(db);
    this.claims = new ClaimTracker(this.store.maxId() + 1, FIELD_NAMES);
    this.fields = columns.targets().filter((t): t is FieldName => isFieldName(t));
    this.insert = new BatchedInsert(
      db,
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival,
         evidence_date, evidence_note, operator, created_at, status, source, dip_consequence, import_id, import_row_version) VALUES`,
      "(?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 'pending', 'import', ?, ?, ?)",
      13,
    );
  }

  /** The professional a row is about, or why it cannot be found. */
  private locate(cells: readonly string[]): { professional: Professional } | { issue: RowIssue } {
    const { columns } = this.context;
    const registration = columns.cell(cells, 'registrationNumber');
    if (registration !== '') {
      const professional = this.store.findByRegistration(registration);
      if (professional) return { professional };
      return { issue: { column: columns.columnOf('registrationNumber'), code: 'PROFESSIONAL_NOT_FOUND', message: `Nenhum cadastro com o registro ${registration}.` } };
    }
    const cpfText = columns.cell(cells, 'cpf');
    if (cpfText !== '') {
      const cpf = parseCpf(cpfText);
      if (!cpf.ok) return { issue: { column: columns.columnOf('cpf'), code: cpf.code, message: cpf.message } };
      const professional = this.store.findByCpf(cpf.value);
      if (professional) return { professional };
      return { issue: { column: columns.columnOf('cpf'), code: 'PROFESSIONAL_NOT_FOUND', message: `Nenhum cadastro com o CPF ${formatCpf(cpf.value)}.` } };
    }
    return {
      issue: {
        column: columns.columnOf('cpf') ?? columns.columnOf('registrationNumber'),
        code: 'VALUE_REQUIRED',
        message: 'Informe o CPF ou o registro do profissional: a linha não diz de quem é a correção.',
      },
    };
  }

  process(raw: RawRow): RowOutcome {
    const { columns } = this.context;
    const cells = raw.cells;
    // Found by registration number, a CPF cell is a change; without one, the CPF is the key.
    const keyedByCpf = columns.cell(cells, 'registrationNumber') === '';
    const requested: Record<string, string> = {};
    for (const field of this.fields) {
      const value = columns.cell(cells, field);
      if (value !== '' && !(field === 'cpf' && keyedByCpf)) requested[field] = value;
    }
    const issues: RowIssue[] = [];
    const reason = reasonOf(this.context, cells, issues);
    const evidence = columns.cell(cells, 'evidence');
    if (evidence.length > EVIDENCE_MAX) {
      issues.push({ column: columns.columnOf('evidence'), code: 'VALUE_TOO_LONG', message: `Documento muito longo: no máximo ${EVIDENCE_MAX} caracteres.` });
    }

    const located = this.locate(cells);
    if ('issue' in located) {
      // Still check each value, so the report lists every problem of the row at once.
      for (const [field, value] of Object.entries(requested) as [FieldName, string][]) {
        const parsed = parseFieldValue(field, value);
        if (!parsed.ok) issues.push({ column: columns.columnOf(field), code: parsed.code, message: parsed.message });
      }
      return rejected([located.issue, ...issues]);
    }
    const current = located.professional;
    const plan = planCorrection(current, differing(current, requested), { directoryUfOf: (cep) => directoryUfOf(this.context.db, cep) });
    for (const error of plan.errors) issues.push({ column: columns.columnFor(error.field), code: error.code, message: error.message });

    // What the row says, with the mother rule's link: the flag set says "no name", a name says "flag off".
    const claimed = new Set<string>(Object.keys(requested));
    if (plan.errors.length === 0) {
      const flag = requested.motherNotListed === undefined ? null : parseFlag(requested.motherNotListed);
      if (flag?.ok && flag.value) claimed.add('motherName');
      if (requested.motherName !== undefined) claimed.add('motherNotListed');
      for (const change of plan.changes) {
        if (claimed.has(change.field) && this.claims.has(current.id, change.field)) {
          issues.push(duplicateIssue(columns, change.field, this.claims.rowOf(current.id, change.field), 'Este profissional'));
        }
      }
      const cpfChange = plan.changes.find((c) => c.field === 'cpf');
      if (cpfChange) {
        const owner = this.store.findByCpf(cpfChange.newValue as string);
        if (owner && owner.id !== current.id) {
          issues.push({
            column: columns.columnOf('cpf'),
            code: 'CPF_DUPLICATE',
            message: `Este CPF já pertence a outro cadastro (registro ${owner.registrationNumber}). Confira o documento.`,
          });
        }
      }
    }
    if (issues.length > 0) return rejected(issues);

    this.claims.add(current.id, claimed, raw.row);
    if (plan.changes.length === 0) return { status: 'unchanged', issues: [], changes: 0, dipConsequence: 'none' };

    const rowVersion = this.store.update(
      current,
      plan.changes.map((c) => ({ field: c.field, value: c.newValue })),
      this.context.now,
    );
    const { importId, now, operator, fileName, uuid } = this.context;
    const note = `Importação nº ${importId}: ${fileName}`.slice(0, 200);
    for (const change of plan.changes) {
      this.insert.add(
        uuid(),
        current.id,
        change.field,
        fieldValueToText(change.oldValue),
        fieldValueToText(change.newValue),
        reason,
        evidence || 'Planilha importada',
        note,
        operator,
        now,
        plan.dipConsequence,
        importId,
        rowVersion,
      );
    }
    this.corrections += plan.changes.length;
    this.updated++;
    return { status: 'accepted', issues: [], changes: plan.changes.length, dipConsequence: plan.dipConsequence };
  }

  flush(): void {
    this.insert.flush();
  }

  totals(): ProcessorTotals {
    return { corrections: this.corrections, inserted: 0, updated: this.updated };
  }
}
