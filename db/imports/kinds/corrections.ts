// A corrections import: each row changes one existing professional, found by registration number
// (then a CPF cell is a change) or by CPF. The row goes through the same planCorrection the form
// uses — values, the mother rule on the record as it would be, CEP within UF, the DIP rule — and
// becomes ordinary pending corrections (source `import`), one per changed field — the mother's name
// and "Não consta mãe" one `mother` item, as on the form. A record's pendências (an e-mail fixed on a
// record still missing the mother keeps that pendência) are computed here, on the record as it will
// be, and stored by the writing side (writer/), which applies the rows; records this import already
// changed are read back through it.
import type { Professional } from '../../../shared/domain';
import { EMPTY_VALUE, formatFieldValue } from '../../../shared/display/values';
import { FIELD_NAMES, fieldLabel, isFieldName, type FieldName } from '../../../shared/fields';
import { formatCpf, parseCpf } from '../../../shared/rules/cpf';
import { cpfKeyOf } from '../../registry';
import { planCorrection, type PlanContext } from '../../../shared/rules/correction';
import { evidenceProblem } from '../../../shared/rules/evidence';
import { parseFieldValue } from '../../../shared/rules/fieldValue';
import { pendenciesOnFields, pendencyFieldsOf, recordPendencies } from '../../../shared/rules/pendencies';
import { FORM_WARNING_CODES } from '../../../shared/contract/imports';
import { MOTHER_FACT_FIELD } from '../../../shared/rules/motherFact';
import { parseFlag } from '../../../shared/rules/vocabulary';
import { plainLine, withoutInvisibles } from '../../../shared/text';
import { AgreeingConflicts } from '../../agreedConflicts';
import { directoryUfOf } from '../../cep';
import { CpfsAtImplanta, cpfAtImplantaRowMessage } from '../../cpfAtImplanta';
import { correctionItemsOf } from '../../corrections';
import { RefusedValues } from '../../refusedBefore';
import { InFlightCorrections } from './undoingRows';
import { toProfessional } from '../../registry';
import { ClaimTracker } from '../claims';
import type { ColumnMap, RowIssue } from '../columns';
import { otherHeaderNames } from '../headers';
import type { RawRow } from '../readers/source';
import { OP_CORRECTION, type FreshQuery } from '../writer/ops';
import { differing, duplicateIssue, reasonOf } from './common';
import { ProfessionalStore } from './professionals';
import { CORRECTIONS_REMEDY, lostZerosOf, zerosLostHereNote } from './registryLostZeros';
import { SharedEmails } from './sharedEmail';
import { rejected, type KindProcessor, type ProcessorContext, type ProcessorTotals, type RowOutcome } from './types';

const EVIDENCE_MAX = 80;

/** A row's registration number as the clerk sees it: a character that takes no room is no part of it. */
function registrationOf(columns: ColumnMap, cells: readonly string[]): string {
  return withoutInvisibles(columns.cell(cells, 'registrationNumber')).trim();
}

/** The mother fact's two columns: a row filling one states the other too. */
const MOTHER_PAIR: Record<string, string> = { motherName: 'motherNotListed', motherNotListed: 'motherName' };
/** Recorded for rows that change no identification data and name no document. */
const DEFAULT_EVIDENCE = 'Planilha importada';
const EVIDENCE_COLUMN = 'Documento comprobatório';

/** What to do when the sheet has no document column: on the screen, associate one; from the header, add one. */
function missingEvidenceColumn(fromHeaders: boolean): string {
  if (!fromHeaders) return `Associe uma coluna a “${EVIDENCE_COLUMN}” e preencha-a nesta linha.`;
  const others = otherHeaderNames('evidence', 2).map((name) => `“${name}”`);
  return `Acrescente à planilha a coluna “${EVIDENCE_COLUMN}” (ou ${others.join(', ')}) e preencha-a nesta linha.`;
}

/**
 * The mother's name and "Não consta mãe" are one fact (shared/rules/mother.ts): a row that fills
 * both, the flag set, is judged whole — MOTHER_CONFLICT, as the form says — even where one of the
 * two repeats the record, which `differing` would otherwise take out and let the other through.
 */
function withBothMotherCells(changes: Record<string, string>, requested: Record<string, string>): Record<string, string> {
  const { motherName, motherNotListed } = requested;
  if (motherName === undefined || motherNotListed === undefined) return changes;
  const flag = parseFlag(motherNotListed);
  return flag.ok && flag.value ? { ...changes, motherName, motherNotListed } : changes;
}

export class CorrectionsProcessor implements KindProcessor {
  private readonly store: ProfessionalStore;
  private readonly claims: ClaimTracker;
  private readonly sharedEmails: SharedEmails;
  private readonly refused: RefusedValues;
  private readonly inFlight: InFlightCorrections;
  private readonly fields: FieldName[];
  /** Records this import changed: with a writer thread, they are read back through it. */
  private readonly changed: Uint8Array;
  private cpfChanges = 0;
  private readonly planContext: PlanContext;
  private corrections = 0;
  private updated = 0;
  private readonly agreeing: AgreeingConflicts;
  /** Open registry conflicts the rows bring to the main system's value (closed as the rows are written). */
  private conflictsClosed = 0;
  /** Conflicts an earlier correction closed that the rows take the record off the main system's value of. */
  private conflictsReopened = 0;
  /**
   * CPFs the desk corrected, to whom they belonged: the main system names her by the old one until
   * it takes the correction (on its way, or applied by Implanta). Few, so read once.
   */
  private readonly formerCpf = new Map<string, number>();
  /** Old CPFs of CPF corrections Implanta has not applied: no other record may take one (cpfAtImplanta.ts). */
  private readonly atImplanta: CpfsAtImplanta;

  constructor(private readonly context: ProcessorContext) {
    this.store = new ProfessionalStore(context.db);
    const capacity = this.store.maxId() + 1;
    this.claims = new ClaimTracker(capacity, FIELD_NAMES);
    this.sharedEmails = new SharedEmails(context.db);
    this.refused = new RefusedValues(context.db);
    this.inFlight = new InFlightCorrections(context.db);
    this.atImplanta = new CpfsAtImplanta(context.db);
    this.agreeing = new AgreeingConflicts(context.db);
    this.changed = new Uint8Array(capacity);
    this.fields = context.columns.targets().filter((t): t is FieldName => isFieldName(t));
    // The council's CEP directory does not change during a corrections import; most desks have few
    // entries, often none.
    const directoryEmpty = context.db.prepare('SELECT 1 FROM cep_directory LIMIT 1').get() === undefined;
    this.planContext = { directoryUfOf: (cep) => (directoryEmpty ? null : directoryUfOf(context.db, cep)) };
    const former = context.db.prepare(
      "SELECT old_value AS cpf, professional_id AS id FROM corrections WHERE field = 'cpf' AND old_value IS NOT NULL AND status IN ('pending', 'batched', 'sent', 'synced') ORDER BY id",
    );
    for (const row of former.iterate() as Iterable<{ cpf: string; id: number }>) this.formerCpf.set(row.cpf, row.id);
  }

  /** The professional the desk took this CPF from with a correction, when no record holds it now. */
  private byFormerCpf(cpf: string): Professional | null {
    const id = this.formerCpf.get(cpf);
    if (id === undefined) return null;
    return (this.context.link.threaded ? this.written({ by: 'id', key: id }) : this.store.findById(id)) ?? null;
  }

  /** Looks a record up where this import's own changes are visible. */
  private written(query: FreshQuery): Professional | null {
    const row = this.context.link.lookup(query);
    return row ? toProfessional(row) : null;
  }

  /** The records of the next rows, looked up together (see prefetch). */
  private ahead: { cpf: Map<string, Professional | null>; registration: Map<string, Professional | null> } = { cpf: new Map(), registration: new Map() };

  /** Each row's key: its registration number, or else its CPF as the registry keeps it. */
  private keysOf(rows: readonly RawRow[]): { cpfs: string[]; registrations: string[]; keys: ({ by: 'cpf' | 'registration'; key: string } | null)[] } {
    const { columns } = this.context;
    const cpfs: string[] = [];
    const registrations: string[] = [];
    const keys = rows.map((raw) => {
      const registration = registrationOf(columns, raw.cells);
      if (registration !== '') {
        registrations.push(registration);
        return { by: 'registration' as const, key: registration };
      }
      const cpf = cpfKeyOf(columns.cell(raw.cells, 'cpf'));
      if (cpf === null) return null;
      cpfs.push(cpf);
      return { by: 'cpf' as const, key: cpf };
    });
    return { cpfs, registrations, keys };
  }

  /**
   * Looks up the professionals of the next rows in a few statements instead of one each: by the
   * record ids found when the file was read, when the rows come in the store's order (by id, no
   * index is read), else by their keys. A record whose key changed since is looked up by its key.
   */
  prefetch(rows: readonly RawRow[], records: readonly (number | null)[] | null): void {
    const { cpfs, registrations, keys } = this.keysOf(rows);
    if (records === null) {
      this.ahead = { cpf: this.store.findMany('cpf', cpfs), registration: this.store.findMany('registration', registrations) };
      return;
    }
    const byId = this.store.findManyById(records.filter((id): id is number => id !== null));
    const ahead = { cpf: new Map<string, Professional | null>(), registration: new Map<string, Professional | null>() };
    const byKey = { cpf: [] as string[], registration: [] as string[] };
    keys.forEach((key, i) => {
      if (key === null) return;
      const found = byId.get(records[i] ?? 0);
      if (found && (key.by === 'cpf' ? found.cpf : found.registrationNumber) === key.key) ahead[key.by].set(key.key, found);
      else byKey[key.by].push(key.key);
    });
    for (const by of ['cpf', 'registration'] as const) for (const [key, found] of this.store.findMany(by, byKey[by])) ahead[by].set(key, found);
    this.ahead = ahead;
  }

  /**
   * The record each row is about, before the import, so the rows can be checked in the store's
   * order (storeOrder.ts) — unless a row may move a CPF between records (a file keyed by
   * registration number with a CPF column), when who holds a CPF depends on the rows before.
   */
  storeOrder(): ((rows: readonly RawRow[]) => (number | null)[]) | null {
    const { columns } = this.context;
    if (columns.has('registrationNumber') && columns.has('cpf')) return null;
    return (rows) => {
      const { cpfs, registrations, keys } = this.keysOf(rows);
      const ids = { cpf: this.store.idsOf('cpf', cpfs), registration: this.store.idsOf('registration', registrations) };
      return keys.map((key) => (key === null ? null : (ids[key.by].get(key.key) ?? null)));
    };
  }

  /** By CPF; after a CPF change in this import, only the writing side knows who holds which. */
  private byCpf(cpf: string): Professional | null {
    if (this.cpfChanges > 0) return this.context.link.threaded ? this.written({ by: 'cpf', key: cpf }) : this.store.findByCpf(cpf);
    const ahead = this.ahead.cpf.get(cpf);
    return ahead !== undefined ? ahead : this.store.findByCpf(cpf);
  }

  private byRegistration(registration: string): Professional | null {
    const ahead = this.ahead.registration.get(registration);
    return ahead !== undefined ? ahead : this.store.findByRegistration(registration);
  }

  /** The record as it stands now: one this import already changed is read again. */
  private current(found: Professional): Professional {
    if (found.id >= this.changed.length || this.changed[found.id] !== 1) return found;
    return (this.context.link.threaded ? this.written({ by: 'id', key: found.id }) : this.store.findById(found.id)) ?? found;
  }

  /** A record's e-mail as this import left it. */
  private emailNow(id: number): string | null {
    const found = this.store.findById(id);
    return found ? this.current(found).email : null;
  }

  /** Why no record has this registration number: Excel may have taken its leading zeros. */
  private noRegistration(registration: string): string {
    const stripped = registration.replace(/^0+(?=\d)/, '');
    const note =
      lostZerosOf(registration, (padded) => this.byRegistration(padded) !== null, CORRECTIONS_REMEDY) ??
      (stripped !== registration && this.byRegistration(stripped) !== null ? zerosLostHereNote(stripped, registration) : null);
    return `Nenhum cadastro com o registro ${registration}.${note ? ` ${note}` : ''}`;
  }

  /** The professional a row is about, or why it cannot be found. */
  private locate(cells: readonly string[]): { professional: Professional } | { issue: RowIssue } {
    const { columns } = this.context;
    const registration = registrationOf(columns, cells);
    if (registration !== '') {
      const professional = this.byRegistration(registration);
      if (professional) return { professional: this.current(professional) };
      return { issue: { column: columns.columnOf('registrationNumber'), code: 'PROFESSIONAL_NOT_FOUND', message: this.noRegistration(registration) } };
    }
    const cpfText = columns.cell(cells, 'cpf');
    if (cpfText !== '') {
      // The CPF as the registry holds it, check digits or not: a record the main system sent with a
      // wrong CPF (seed case B) is reached by it, as a search reaches it.
      const key = cpfKeyOf(cpfText);
      const professional = key === null ? null : (this.byCpf(key) ?? this.byFormerCpf(key));
      if (professional) return { professional: this.current(professional) };
      const cpf = parseCpf(cpfText);
      if (!cpf.ok) return { issue: { column: columns.columnOf('cpf'), code: cpf.code, message: cpf.message } };
      return { issue: { column: columns.columnOf('cpf'), code: 'PROFESSIONAL_NOT_FOUND', message: `Nenhum cadastro com o CPF ${formatCpf(cpf.value)}.` } };
    }
    return {
      issue: {
        column: columns.columnOf('cpf') ?? columns.columnOf('registrationNumber'),
        code: 'VALUE_REQUIRED',
        message: 'Informe o CPF ou o registro da/o profissional: a linha não diz de quem é a correção.',
      },
    };
  }

  process(raw: RawRow): RowOutcome {
    const { columns } = this.context;
    const cells = raw.cells;
    // Found by registration number, a CPF cell is a change; without one, the CPF is the key.
    const keyedByCpf = registrationOf(columns, cells) === '';
    const requested: Record<string, string> = {};
    for (const field of this.fields) {
      const value = columns.cell(cells, field);
      if (value !== '' && !(field === 'cpf' && keyedByCpf)) requested[field] = value;
    }
    const issues: RowIssue[] = [];
    const reason = reasonOf(this.context, cells, issues);
    const evidence = plainLine(columns.cell(cells, 'evidence'));
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
    const who = `${current.name} (registro ${current.registrationNumber})`;
    const plan = planCorrection(current, withBothMotherCells(differing(current, requested), requested), this.planContext);
    for (const error of plan.errors) issues.push({ column: columns.columnFor(error.field), code: error.code, message: error.message });
    // Identification data (what the DIP prints) changes only against a document the row names.
    const noEvidence = evidenceProblem(
      plan.changes.map((c) => c.field),
      evidence,
    );
    if (noEvidence) {
      const where = columns.columnOf('evidence') !== null ? `Preencha a coluna “${EVIDENCE_COLUMN}” nesta linha.` : missingEvidenceColumn(columns.fromHeaders);
      issues.push({ column: columns.columnOf('evidence'), code: 'EVIDENCE_REQUIRED', message: `${noEvidence} ${where}` });
    }

    // What the row says, with the mother rule's link: the flag set says "no name", a name says "flag off".
    const claimed = new Set<string>(Object.keys(requested));
    if (plan.errors.length === 0) {
      const flag = requested.motherNotListed === undefined ? null : parseFlag(requested.motherNotListed);
      if (flag?.ok && flag.value) claimed.add('motherName');
      if (requested.motherName !== undefined) claimed.add('motherNotListed');
      // A field the row only implies (the mother's name and "Não consta mãe" go together) is told
      // in the column the row filled, once, naming both: the other cell of this row is empty.
      const told = new Map<string, { row: number; linked?: string }>();
      for (const change of plan.changes) {
        if (!claimed.has(change.field) || !this.claims.has(current.id, change.field)) continue;
        const stated = requested[change.field as FieldName] === undefined ? (MOTHER_PAIR[change.field] ?? change.field) : change.field;
        const linked = stated === change.field ? told.get(stated)?.linked : change.field;
        told.set(stated, { row: told.get(stated)?.row ?? this.claims.rowOf(current.id, change.field), ...(linked === undefined ? {} : { linked }) });
      }
      for (const [field, { row, linked }] of told) issues.push(duplicateIssue(columns, field, row, 'A/O profissional', linked, this.context.allOrNothing));
      const cpfChange = plan.changes.find((c) => c.field === 'cpf');
      if (cpfChange) {
        const owner = this.byCpf(cpfChange.newValue as string);
        if (owner && owner.id !== current.id) {
          issues.push({
            column: columns.columnOf('cpf'),
            code: 'CPF_DUPLICATE',
            message: `Este CPF já pertence a outro cadastro (registro ${owner.registrationNumber}). Confira o documento.`,
          });
        }
        const holder = owner && owner.id !== current.id ? null : this.atImplanta.of(cpfChange.newValue as string, current.id);
        if (holder) issues.push({ column: columns.columnOf('cpf'), code: 'CPF_DUPLICATE', message: cpfAtImplantaRowMessage(raw.row, columns.header(columns.columnOf('cpf')), holder) });
      }
    }
    if (plan.errors.length === 0) {
      for (const undoing of this.inFlight.undoneBy(current.id, correctionItemsOf(current, plan.changes))) {
        issues.push({ column: columns.columnFor(undoing.field === MOTHER_FACT_FIELD ? 'motherName' : undoing.field), code: 'UNDOES_CORRECTION', message: undoing.message });
      }
    }
    if (issues.length > 0) return { ...rejected(issues), who };

    this.claims.add(current.id, claimed, raw.row);
    if (plan.changes.length === 0) return { status: 'unchanged', issues: [], changes: 0, dipConsequence: 'none', who };

    const items = correctionItemsOf(current, plan.changes);
    const op: unknown[] = [OP_CORRECTION, current.id, current.rowVersion, plan.dipConsequence, reason, evidence || DEFAULT_EVIDENCE, items.length];
    for (const item of items) op.push(item.field, item.oldValue, item.newValue);
    const after: Record<string, unknown> = { ...current };
    for (const change of plan.changes) after[change.field] = change.newValue;
    // Only the pendências the changed fields decide: the record's others stay as stored (ops.ts).
    const decided = pendencyFieldsOf(plan.changes.map((c) => c.field));
    const pendencies = recordPendencies(after as unknown as Professional, { ...this.planContext, fields: decided });
    op.push([...decided].join(','), pendencies.length);
    for (const p of pendencies) op.push(p.code, p.field, p.message);
    this.handOnEditedUnseen();
    this.context.link.add(op);
    if (current.id < this.changed.length) this.changed[current.id] = 1;
    if (plan.changes.some((c) => c.field === 'cpf')) {
      this.cpfChanges++;
      // A later row of the file keyed by the CPF this row takes away still finds her, as a later file would.
      if (current.cpf) this.formerCpf.set(current.cpf, current.id);
      // And Implanta knows her by it until it applies this row's correction.
      if (current.cpf) this.atImplanta.add(current.cpf, { professionalId: current.id, registration: current.registrationNumber, status: 'pending', batch: null, cancellable: true });
    }
    this.corrections += items.length;
    this.conflictsClosed += this.agreeing.closedBy(current.id, items);
    this.conflictsReopened += this.agreeing.reopenedBy(current.id, items);
    this.updated++;
    const diff = items.map((item) => ({ field: fieldLabel(item.field), from: formatFieldValue(item.field, item.oldValue, EMPTY_VALUE), to: formatFieldValue(item.field, item.newValue, EMPTY_VALUE) }));
    // Not a refusal: the record goes in with the EMAIL_SHARED pendência, and the check says so.
    const email = plan.changes.find((c) => c.field === 'email')?.newValue;
    const shared = typeof email === 'string' ? this.sharedEmails.warning(columns.columnOf('email'), current, email, (id) => this.emailNow(id)) : null;
    // Nor is a value Implanta refused for this record: the check says so with Implanta's message (refusedBefore.ts).
    const warnings: RowIssue[] = this.refused
      .of(current.id, items)
      .map((r) => ({ column: columns.columnFor(r.field === MOTHER_FACT_FIELD ? 'motherName' : r.field), code: 'VALUE_REFUSED_BEFORE', message: r.message }));
    if (shared) warnings.push(shared);
    // Nor a value the form would question (a município outside its UF, a misspelt provider): said as the form says it.
    for (const p of pendenciesOnFields(pendencies, plan.changes.map((c) => c.field))) {
      if (FORM_WARNING_CODES.includes(p.code)) warnings.push({ column: columns.columnFor(p.field), code: p.code, message: p.message });
    }
    return { status: 'accepted', issues: warnings, changes: items.length, dipConsequence: plan.dipConsequence, who, diff };
  }

  flush(): void {
    // The writing side flushes its own batches when the import finishes; records read and found
    // edited unseen that no row changed are still recorded.
    this.handOnEditedUnseen();
  }

  /** Records found edited unseen go to the writing side, recorded before it writes them (sealCheck.ts). */
  private handOnEditedUnseen(): void {
    const rows = this.store.takeEditedUnseen();
    if (rows.length > 0) this.context.link.recordEditedUnseen(rows);
  }

  totals(): ProcessorTotals {
    return { corrections: this.corrections, inserted: 0, updated: this.updated, flagged: 0, kept: 0, conflicts: 0, conflictsClosed: this.conflictsClosed, conflictsReopened: this.conflictsReopened };
  }
}
