// A registry import: the initial load and refreshes from the council's main system. It is the
// council's own data, not a change for Implanta: no corrections are queued. A row is refused only
// when it cannot be stored (no registration number, a repeated key, a CPF that is not 11 digits or
// belongs to another record, a new record without a CPF) or is another person than the record with its
// registration number (registryIdentity.ts); a record with defective data (seed cases
// B, E, F) is loaded as it is and flagged with its pendências, since those are the records the
// clerk must fix. A known record is merged field by field, three ways (rowMerge.ts): the desk keeps
// a correction the main system has not caught up with, and a third value becomes a conflict.
import type { Statement } from 'better-sqlite3';
import type { ImportConflict } from '../../../shared/contract/imports';
import type { Professional } from '../../../shared/domain';
import { FIELD_NAMES, type FieldName, type FieldValue } from '../../../shared/fields';
import { parseText } from '../../../shared/rules/names';
import { recordPendencies, type Pendency } from '../../../shared/rules/pendencies';
import { foldForSearch } from '../../../shared/text';
import { directoryUfOf } from '../../cep';
import { addLoadPendency, clearLoadPendencies, insertPendency } from '../../pendencies';
import { columnValue } from '../../recordState';
import { valuesOfCorrectionText } from '../../../shared/rules/correctionText';
import { toProfessional, type ProfessionalRow } from '../../registry';
import { recordIfEditedUnseen } from '../../sealCheck';
import { statement } from '../../statements';
import type { RowIssue } from '../columns';
import type { RawRow } from '../readers/source';
import { BatchedInsert } from './batchedInsert';
import { cleanRegistryRow } from './registryCells';
import { flagsOf, RowsById } from './registryRows';
import { CpfMoves } from './registryCpfMoves';
import { lostZerosNote, lostZerosOf, zerosLostHereNote } from './registryLostZeros';
import { IdentityCheck } from './registryIdentity';
import { StaleConflicts } from './registryStaleConflicts';
import { registryDiff, whoOf } from './registryPreview';
import { deskText, InFlight, mergeRow, notesAfterMerge, readFileRow, serializeLoaded, type FileRow, type RowMerge } from './rowMerge';
import { rejected, type KindProcessor, type ProcessorContext, type ProcessorTotals, type RowOutcome } from './types';

const REGISTRATION_MAX = 20;

type StoredRow = ProfessionalRow & { loaded_values: string | null };

export class RegistryProcessor implements KindProcessor {
  private readonly byRegistration: Statement<[string], StoredRow>;
  private readonly anyZeroLed: Statement<[], { one: number }>;
  /** Some record's number starts with a zero (once true, true for the rest of the load). */
  private zeroLedSeen = false;
  private readonly cpfOwner: Statement<[string], { id: number; registration_number: string }>;
  private readonly insertStatement: Statement;
  private readonly loadedOnly: Statement;
  private readonly conflictInsert: Statement;
  private readonly conflictOpen: Statement<unknown[], { id: number }>;
  private readonly history: BatchedInsert;
  private readonly inFlight: InFlight;
  private readonly staleConflicts: StaleConflicts;
  private readonly identity: IdentityCheck;
  private readonly moves: CpfMoves;
  /** The known record the row being checked is about. */
  private checking: number | null = null;
  private readonly rows: RowsById;
  /** Registration numbers of new records refused in this file, with their row. */
  private readonly refusedNew = new Map<string, number>();
  /** Rows of this file refused whole: a later row of the same number is not told the refused one "vale". */
  private readonly refusedRows = new Set<number>();
  /** Records whose row of this file did not leave them the CPF it states (refused, kept, or no CPF cell): few. */
  private readonly cpfNotFromRow = new Set<number>();
  private readonly withRules: Uint8Array;
  private readonly withLoadNotes: Uint8Array;
  private readonly directoryUf: (cep: string) => ReturnType<typeof directoryUfOf>;
  private readonly note: string;
  private readonly listed: ImportConflict[] = [];
  private readonly ruleDelete: Statement;
  private inserted = 0;
  private updated = 0;
  private flagged = 0;
  private kept = 0;
  private conflicts = 0;
  private rowsWithConflicts = 0;
  private conflictsClosed = 0;
  private cleaned = 0;

  constructor(private readonly context: ProcessorContext) {
    const { db } = context;
    this.byRegistration = db.prepare('SELECT * FROM professionals WHERE registration_number = ?');
    this.anyZeroLed = db.prepare("SELECT 1 AS one FROM professionals WHERE registration_number >= '0' AND registration_number < '1' LIMIT 1");
    this.cpfOwner = db.prepare('SELECT id, registration_number FROM professionals WHERE cpf = ?');
    const columns = [
      'registration_number',
      'name_folded',
      'dip_status',
      'dip_status_at',
      'loaded_values',
      'row_version',
      'created_at',
      'updated_at',
      ...FIELD_NAMES.map((f) => columnValue(f, null)[0]),
    ];
    this.insertStatement = db.prepare(`INSERT INTO professionals (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    this.loadedOnly = db.prepare('UPDATE professionals SET loaded_values = ? WHERE id = ?');
    this.conflictInsert = db.prepare(
      `INSERT INTO registry_conflicts (import_id, row, professional_id, field, desk_value, file_value, correction_uuid, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.conflictOpen = db.prepare(
      `SELECT id FROM registry_conflicts WHERE professional_id = ? AND field = ? AND correction_uuid = ? AND file_value IS ? AND resolved_at IS NULL`,
    );
    this.ruleDelete = db.prepare("DELETE FROM pendencies WHERE professional_id = ? AND source = 'rule'");
    this.history = new BatchedInsert(
      db,
      'INSERT INTO record_history (professional_id, at, operator, kind, field, old_value, new_value, correction_uuid, import_id, batch_id, note) VALUES',
      '(?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)',
      9,
    );
    const capacity = ((db.prepare('SELECT max(id) AS id FROM professionals').get() as { id: number | null }).id ?? 0) + 1;
    this.inFlight = new InFlight(db, capacity);
    this.staleConflicts = new StaleConflicts(db);
    this.identity = new IdentityCheck(db);
    this.moves = new CpfMoves(context);
    this.rows = new RowsById(capacity);
    this.withRules = flagsOf(db, 'rule', capacity);
    this.withLoadNotes = flagsOf(db, 'load', capacity);
    // The council's CEP directory does not change during a registry load; most desks have few entries.
    const directoryEmpty = db.prepare('SELECT 1 FROM cep_directory LIMIT 1').get() === undefined;
    this.directoryUf = (cep) => (directoryEmpty ? null : directoryUfOf(db, cep));
    this.note = `Importação nº ${context.importId}: ${context.fileName}`.slice(0, 200);
  }

  readAhead(file: RawRow): void {
    const { columns } = this.context;
    const raw = cleanRegistryRow(columns, file).row;
    const registration = parseText(columns.cell(raw.cells, 'registrationNumber'), REGISTRATION_MAX);
    if (registration.ok) this.moves.note(registration.value, raw.row, columns.cell(raw.cells, 'cpf'));
  }

  process(file: RawRow): RowOutcome {
    this.checking = null;
    const { row: raw, cleaned } = cleanRegistryRow(this.context.columns, file);
    this.cleaned += cleaned;
    const outcome = this.check(raw);
    // A record whose CPF a row above took must have its new one now (registryCpfMoves.ts).
    if (this.checking !== null) this.moves.settle(this.checking, outcome.status === 'rejected' ? (outcome.issues[0]?.message ?? '') : null);
    return outcome;
  }

  private check(raw: RawRow): RowOutcome {
    const { columns } = this.context;
    const registrationColumn = columns.columnOf('registrationNumber');
    const registrationText = columns.cell(raw.cells, 'registrationNumber');
    if (registrationText === '') {
      return rejected([{ column: registrationColumn, code: 'VALUE_REQUIRED', message: 'Informe o registro: é por ele que cada cadastro do sistema do Regional é encontrado.' }]);
    }
    const registration = parseText(registrationText, REGISTRATION_MAX);
    if (!registration.ok) {
      return rejected([{ column: registrationColumn, code: registration.code, message: `Registro: ${registration.message.charAt(0).toLowerCase()}${registration.message.slice(1)}` }]);
    }
    const key = registration.value;
    const stored = this.byRegistration.get(key) ?? null;
    if (stored) stored.cpf = this.moves.cpfOf(stored.id, stored.cpf);
    this.checking = stored?.id ?? null;
    const existing = stored ? toProfessional(stored) : null;

    // The same registration twice in one file: the file contradicts itself, the first row stands.
    const earlier = existing ? this.rows.get(existing.id) : (this.refusedNew.get(key) ?? 0);
    if (earlier > 0) {
      return rejected([
        {
          column: registrationColumn,
          code: 'DUPLICATE_CONFLICT',
          message: this.refusedRows.has(earlier)
            ? `O registro ${key} já aparece na linha ${earlier} desta planilha, que foi recusada: a planilha se contradiz, e nenhuma das duas linhas entrou. Corrija a linha certa e importe-a de novo (pelo relatório de erros).`
            : this.context.allOrNothing
              ? `O registro ${key} já aparece na linha ${earlier} desta planilha: só uma das duas pode valer. Deixe na planilha só a linha certa e importe a planilha inteira de novo (com “tudo ou nada”, nenhuma linha foi gravada).`
              : `O registro ${key} já aparece na linha ${earlier} desta planilha, e aquela linha vale. Se o certo for esta linha, importe-a de novo (pelo relatório de erros); se não, apague-a do relatório.`,
        },
      ]);
    }

    const file = readFileRow(columns, raw.cells, existing, stored ? { loaded: stored.loaded_values, inFlight: this.inFlight } : null);
    const who = existing ? whoOf(existing.name, existing.registrationNumber) : whoOf(file.values.get('name'), key);
    const refuse = (issues: RowIssue[]): RowOutcome => {
      this.refusedRows.add(raw.row);
      if (existing) {
        this.rows.set(existing.id, raw.row);
        this.cpfNotFromRow.add(existing.id);
      } else this.refusedNew.set(key, raw.row);
      return { ...rejected(issues), who };
    };
    if (file.issues.length > 0) return refuse(file.issues);
    // Another person under this number: nothing of the record is touched.
    const reused = stored && existing ? this.identity.refusal(raw.row, registrationColumn, existing, stored.loaded_values, file.values) : null;
    if (reused) return refuse([reused]);
    const outcome = existing && stored ? this.update(raw.row, stored, existing, file, refuse) : this.insert(raw.row, key, file, refuse);
    return { ...outcome, who };
  }

  /**
   * Refuses a CPF Implanta still knows another record by, or that another record holds, naming the
   * row of this file that gave it that CPF; or, when its row did not (refused, or another CPF it did
   * not take), saying it keeps it. When that record's row is still to come and gives it another CPF,
   * the CPF is freed for this row (registryCpfMoves.ts): the caller writes the row right after.
   */
  private cpfTaken(cpf: string, ownId: number | null, by: { row: number; registration: string }): RowIssue | null {
    const atImplanta = this.moves.stillAtImplanta(cpf, ownId, by.row);
    if (atImplanta) return atImplanta;
    const owner = this.cpfOwner.get(cpf);
    if (!owner || owner.id === ownId) return null;
    const column = this.context.columns.columnOf('cpf');
    const row = this.rows.get(owner.id);
    const registration = owner.registration_number;
    if (row === 0) {
      const giving = this.moves.rowGivingAnother(registration, cpf, by.row);
      if (giving !== null) {
        this.moves.park({ id: owner.id, registration }, cpf, giving, by);
        return null;
      }
      const below = this.moves.rowBelow(registration, by.row);
      const why = below === null ? '' : `, e a linha ${below} desta planilha, desse registro, não lhe dá outro CPF`;
      const zeros = lostZerosNote(registration, by.registration) ?? zerosLostHereNote(registration, by.registration);
      return { column, code: 'CPF_DUPLICATE', message: `Este CPF já pertence a outro cadastro (registro ${registration})${why}. ${zeros ?? 'Confira o documento.'}` };
    }
    if (this.cpfNotFromRow.has(owner.id)) {
      return {
        column,
        code: 'CPF_DUPLICATE',
        message: `Este CPF pertence ao cadastro do registro ${registration}, que continua com ele: a linha ${row} desta planilha, desse registro, não o tirou dele. Confira o documento.`,
      };
    }
    return { column, code: 'CPF_DUPLICATE', message: `Este CPF já aparece na linha ${row} desta planilha (registro ${registration}): um CPF pertence a um cadastro só.` };
  }

  private zeroLed(): boolean {
    this.zeroLedSeen ||= this.anyZeroLed.get() !== undefined;
    return this.zeroLedSeen;
  }

  private insert(row: number, registration: string, file: FileRow, refuse: (issues: RowIssue[]) => RowOutcome): RowOutcome {
    // 123 where the store has 00123 is that record with its zeros lost (Excel), never a new one beside
    // it. Looked for only once some record's number starts with a zero: a first load of 250 000 new
    // records does not look each one up a dozen times more.
    const zeros = this.zeroLed() ? lostZerosOf(registration, (number) => this.byRegistration.get(number) !== undefined) : null;
    if (zeros) return refuse([{ column: this.context.columns.columnOf('registrationNumber'), code: 'VALUE_INVALID', message: `Nenhum cadastro com o registro ${registration}, e nenhum foi incluído. ${zeros}` }]);
    const cpf = file.values.get('cpf');
    if (cpf === undefined || cpf === null) {
      return refuse([{ column: this.context.columns.columnOf('cpf'), code: 'VALUE_REQUIRED', message: 'CPF é obrigatório para incluir um cadastro novo.' }]);
    }
    const taken = this.cpfTaken(cpf, null, { row, registration });
    if (taken) return refuse([taken]);

    const { now } = this.context;
    const record: Record<string, FieldValue> = Object.fromEntries(FIELD_NAMES.map((field) => [field, null]));
    record.motherNotListed = false;
    for (const [field, text] of file.values) if (field !== 'dipStatus') Object.assign(record, valuesOfCorrectionText(field, text));
    record.name ??= '';
    const dip = file.values.get('dipStatus') ?? null;
    const values = FIELD_NAMES.map((field) => columnValue(field, record[field] ?? null)[1]);
    const result = this.insertStatement.run(
      registration,
      foldForSearch(String(record.name)),
      dip ?? 'none',
      dip === null ? null : now,
      serializeLoaded(file.values),
      1,
      now,
      now,
      ...values,
    );
    const id = Number(result.lastInsertRowid);
    this.rows.set(id, row);
    this.history.add(id, now, this.context.operator, 'registry_created', null, null, null, this.context.importId, this.note);
    // A new record has no pendências yet: its rule ones and the file's notes are written directly.
    const rules = recordPendencies(record as unknown as Professional, { directoryUfOf: this.directoryUf });
    for (const p of rules) this.addRule(id, p);
    for (const p of file.notes) addLoadPendency(this.context.db, id, p.pendency);
    if (rules.length + file.notes.length > 0) this.flagged++;
    this.inserted++;
    return { status: 'accepted', issues: [], changes: 1, dipConsequence: 'none', created: true };
  }

  private addRule(id: number, p: Pendency): void {
    insertPendency(this.context.db, id, p, 'rule');
  }

  /** The record's rule pendências again, as refreshPendencies does, without a statement for records that had none. */
  private refreshRules(record: Professional): number {
    if (this.withRules[record.id] === 1) this.ruleDelete.run(record.id);
    const rules = recordPendencies(record, { directoryUfOf: this.directoryUf });
    for (const p of rules) this.addRule(record.id, p);
    if (record.id < this.withRules.length) this.withRules[record.id] = rules.length > 0 ? 1 : 0;
    return rules.length;
  }

  private update(row: number, stored: StoredRow, existing: Professional, file: FileRow, refuse: (issues: RowIssue[]) => RowOutcome): RowOutcome {
    const { db, now, operator, importId } = this.context;
    const merge = mergeRow(existing, stored.loaded_values, file.values, this.inFlight);
    const cpf = merge.take.find(([field]) => field === 'cpf');
    if (cpf && cpf[1] !== null) {
      const taken = this.cpfTaken(cpf[1], existing.id, { row, registration: existing.registrationNumber });
      if (taken) return refuse([taken]);
    }
    this.rows.set(existing.id, row);
    // The record keeps a CPF this row does not state (no CPF cell, or one the desk kept or left in a conflict).
    if ((cpf ? cpf[1] : existing.cpf) !== (file.values.get('cpf') ?? null)) this.cpfNotFromRow.add(existing.id);

    let record = existing;
    // An edit another program made unseen is recorded first, not sealed in (sealCheck.ts).
    if (merge.take.length > 0 || merge.loaded !== stored.loaded_values) recordIfEditedUnseen(this.context.db, existing.id);
    if (merge.take.length > 0) {
      record = this.write(existing, merge.take, merge.loaded);
      for (const [field, text] of merge.take) {
        this.history.add(existing.id, now, operator, 'registry_load', field, deskText(existing, field), text, importId, this.note);
      }
      this.updated++;
    } else if (merge.loaded !== stored.loaded_values) {
      this.loadedOnly.run(merge.loaded, existing.id);
    }

    const notes = notesAfterMerge(file, merge);
    const hadNotes = existing.id < this.withLoadNotes.length && this.withLoadNotes[existing.id] === 1;
    if (hadNotes) clearLoadPendencies(db, existing.id);
    for (const n of notes) addLoadPendency(db, existing.id, n);
    if (merge.dipKept) addLoadPendency(db, existing.id, merge.dipKept);
    const noted = notes.length + (merge.dipKept ? 1 : 0);
    const rules = merge.take.length > 0 ? this.refreshRules(record) : (this.withRules[existing.id] ?? 0);
    if (rules + noted > 0) this.flagged++;

    this.conflictsClosed += this.staleConflicts.settle(existing.id, file.values, merge.agreed, now, operator);
    // A conflict this file's value already has open (the same file again) is kept, as any field at
    // its base: it stays open for the clerk, and is neither stored nor counted a second time.
    const fresh = merge.conflicts.filter((c) => this.conflictOpen.get(existing.id, c.field, c.uuid, c.file) === undefined);
    for (const conflict of fresh) this.conflict(row, existing, conflict);
    if (fresh.length > 0) this.rowsWithConflicts++;
    if (merge.kept.length > 0 || fresh.length < merge.conflicts.length) this.kept++;
    if (merge.take.length === 0) return { status: 'unchanged', issues: [], changes: 0, dipConsequence: 'none' };
    return { status: 'accepted', issues: [], changes: merge.take.length, dipConsequence: 'none', diff: registryDiff(existing, merge.take) };
  }

  /** Writes the fields taken from the file (and the DIP status), bumping the record's version. */
  private write(existing: Professional, take: readonly [string, string | null][], loaded: string | null): Professional {
    const columns: string[] = [];
    const values: (string | number | null)[] = [];
    const record: Record<string, unknown> = { ...existing };
    for (const [field, text] of take) {
      if (field === 'dipStatus') {
        columns.push('dip_status', 'dip_status_at');
        values.push(text, this.context.now);
        record.dipStatus = text;
        record.dipStatusAt = this.context.now;
        continue;
      }
      for (const [column, value] of Object.entries(valuesOfCorrectionText(field, text)) as [FieldName, FieldValue][]) {
        const [name, stored] = columnValue(column, value);
        columns.push(name);
        values.push(stored);
        record[column] = value;
        if (column === 'name') {
          columns.push('name_folded');
          values.push(foldForSearch(String(value ?? '')));
        }
      }
    }
    columns.push('loaded_values');
    values.push(loaded);
    // Prepared once per set of columns (db/statements.ts keeps it).
    const update = statement(this.context.db, `UPDATE professionals SET ${columns.map((c) => `${c} = ?`).join(', ')}, row_version = row_version + 1, updated_at = ? WHERE id = ? AND row_version = ?`);
    const result = update.run(...values, this.context.now, existing.id, existing.rowVersion);
    if (result.changes !== 1) throw new Error(`professional ${existing.id} changed during the import`);
    return { ...(record as unknown as Professional), rowVersion: existing.rowVersion + 1, updatedAt: this.context.now };
  }

  /** Stores a new conflict and lists it. */
  private conflict(row: number, existing: Professional, c: RowMerge['conflicts'][number]): void {
    const { importId, now } = this.context;
    const id = Number(this.conflictInsert.run(importId, row, existing.id, c.field, c.desk, c.file, c.uuid, now).lastInsertRowid);
    this.conflicts++;
    if (this.listed.length < this.context.conflictLimit) {
      this.listed.push({
        id,
        row,
        registration: existing.registrationNumber,
        name: existing.name,
        field: c.field,
        deskValue: c.desk,
        fileValue: c.file,
        correctionOutcome: c.outcome,
      });
    }
  }

  flush(): void {
    this.history.flush();
  }

  totals(): ProcessorTotals {
    return { corrections: 0, inserted: this.inserted, updated: this.updated, flagged: this.flagged, kept: this.kept, conflicts: this.conflicts, rowsWithConflicts: this.rowsWithConflicts, conflictsClosed: this.conflictsClosed, cleaned: this.cleaned };
  }

  conflictList(): ImportConflict[] {
    return this.listed;
  }
}
