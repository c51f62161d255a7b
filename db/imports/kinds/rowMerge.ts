// One registry row against the record the desk holds: what the file says (its values as the store
// would keep them, and notes about values it could not keep), and the three-way merge of each field
// with the base — the field's value at the last load (`loaded_values`), else the old value of the
// earliest correction in flight, else the desk's value (docs/import-format.md, "Loading again").
// The DIP status is Implanta's to say: once an answer of Implanta set it, a load keeps it.
import type { Database, Statement } from 'better-sqlite3';
import type { Professional } from '../../../shared/domain';
import { FIELD_NAMES, FIELDS, MOTHER_FACT_FIELD, type FieldName } from '../../../shared/fields';
import { isValidCpf } from '../../../shared/rules/cpf';
import { fieldValueToText, parseFieldValue } from '../../../shared/rules/fieldValue';
import { currentCorrectionText } from '../../../shared/rules/correctionText';
import { sameBarSpelling } from '../../../shared/rules/spelling';
import { AS_CPF, inScientificNotation, scientificNotationNote, scientificNotationProblem } from '../../../shared/rules/scientificNotation';
import { parseCalendarDate } from '../../../shared/rules/dates';
import { correctionFieldOf, encodeMotherFact } from '../../../shared/rules/motherFact';
import type { Pendency } from '../../../shared/rules/pendencies';
import { DIP_LABELS, parseDipStatus, parseFlag } from '../../../shared/rules/vocabulary';
import { formatDateBr } from '../../../shared/rules/dates';
import type { DipStatus } from '../../../shared/domain';
import { dipReportedByImplanta } from '../../batches/ackDip';
import { formatCount } from '../../../shared/display/numbers';
import { digitsOnly } from '../../../shared/text';
import type { ColumnMap, RowIssue } from '../columns';
import { unstatedMotherName, type MainSystemBase } from './registryMother';

/** The fields a load provides, in the order `loaded_values` keeps them: correction fields (the mother fact as one) and the DIP status. */
export const LOADED_FIELDS: readonly string[] = [
  ...FIELD_NAMES.filter((f) => f !== 'motherNotListed').map((f) => (f === 'motherName' ? MOTHER_FACT_FIELD : f)),
  'dipStatus',
];

/**
 * The main system's record holds both the mother's name and "Não consta mãe". The defect is there:
 * a name that is right leaves nothing to correct here, so the note says where it goes away.
 */
const MOTHER_BOTH_NOTE =
  'O arquivo do sistema do Regional traz o nome da mãe e também “Não consta mãe”: ficou o nome da mãe. Confira o documento: se o nome está certo, desmarque “Não consta mãe” no sistema do Regional (esta pendência sai na próxima carga); se no documento não consta mãe, corrija aqui marcando “Não consta mãe”.';

/** Closed vocabularies: a value the store cannot keep is stored as empty, with a note. */
const CLOSED_RULES = new Set(['uf', 'date', 'maritalStatus']);
const FEMININE_LABELS = new Set(['birthDate', 'birthUf', 'rgUf', 'uf', 'dipStatus']);
const SHOWN_MAX = 60;

export type LoadedValues = Record<string, string | null>;

export interface FileNote {
  /** The correction field the note is about (null: a value the record never holds, the DIP status). */
  field: string | null;
  pendency: Pendency;
  /** What the note says when the record did not take the file's value; without it the note is dropped then. */
  notTaken?: string;
}

export interface FileRow {
  /** Correction field → value as a correction stores it (`mother`: JSON of the name and the flag). */
  values: Map<string, string | null>;
  notes: FileNote[];
  /** Problems that keep the row out of the store. */
  issues: RowIssue[];
}

/** A file's value as a note shows it: cut where it would not fit a line. */
function shorten(raw: string): string {
  return raw.length > SHOWN_MAX ? `${raw.slice(0, SHOWN_MAX)}…` : raw;
}

/** "Estado civil no arquivo não reconhecido: “casada de novo”" */
function unrecognised(field: string, label: string, raw: string): string {
  return `${label} no arquivo não ${FEMININE_LABELS.has(field) ? 'reconhecida' : 'reconhecido'}: “${shorten(raw)}”`;
}

/**
 * A CPF the store can hold: 11 digits once the leading zeros a number cell dropped are back (9 or
 * 10 digits always; fewer when that makes a valid CPF). Check digits are not required: a wrong CPF
 * is loaded and flagged (seed case B).
 */
export function storableCpf(text: string): { ok: true; value: string } | { ok: false; message: string } {
  if (inScientificNotation(text)) return { ok: false, message: `CPF ${scientificNotationProblem(text, AS_CPF)}` };
  if (/[^\d.\-\s/]/.test(text)) return { ok: false, message: 'CPF ilegível: use apenas números, pontos e hífen.' };
  let digits = digitsOnly(text);
  if (digits.length > 0 && digits.length < 11) {
    const padded = digits.padStart(11, '0');
    if (digits.length >= 9 || isValidCpf(padded)) digits = padded;
  }
  if (digits.length !== 11) return { ok: false, message: `CPF inválido: deve ter 11 dígitos (tem ${formatCount(digits.length)}).` };
  return { ok: true, value: digits };
}

/** What the row says, field by field, as the store would keep it (`base`: what the main system held of a known record). */
export function readFileRow(columns: ColumnMap, cells: readonly string[], existing: Professional | null, base: MainSystemBase | null = null): FileRow {
  const values = new Map<string, string | null>();
  const notes: FileNote[] = [];
  const issues: RowIssue[] = [];
  for (const field of LOADED_FIELDS) {
    if (field === 'cpf') {
      const text = columns.cell(cells, 'cpf');
      if (text === '') continue;
      const cpf = storableCpf(text);
      if (cpf.ok) values.set('cpf', cpf.value);
      else issues.push({ column: columns.columnOf('cpf'), code: 'CPF_INVALID', message: cpf.message });
    } else if (field === MOTHER_FACT_FIELD) {
      const fact = motherOf(columns, cells, existing, base, notes);
      if (fact !== null) values.set(field, fact);
    } else if (field === 'dipStatus') {
      const text = columns.cell(cells, 'dipStatus');
      if (text === '') continue;
      const dip = parseDipStatus(text);
      // The DIP status is never empty: an unknown one leaves the record's as it is.
      if (dip.ok) values.set(field, dip.value);
      else notes.push({ field: null, pendency: { code: dip.code, field: null, message: unrecognised(field, 'Situação do DIP', text) } });
    } else {
      const name = field as FieldName;
      const text = columns.cell(cells, name);
      if (text === '') continue;
      const parsed = readValue(name, text);
      if (parsed.ok) values.set(name, fieldValueToText(parsed.value));
      else if (CLOSED_RULES.has(FIELDS[name].rule) || inScientificNotation(text)) {
        // A new record stores it empty; a known one keeps what it holds (a date an export wrote with
        // a time, a code another system spells its own way, digits a spreadsheet lost never erase a good value).
        const message = inScientificNotation(text) ? `${FIELDS[name].label} no arquivo ${scientificNotationNote(text)}` : unrecognised(name, FIELDS[name].label, text);
        if (existing === null) values.set(name, null);
        notes.push({ field: name, pendency: { code: parsed.code, field: name, message: existing === null ? message : `${message}; o cadastro manteve o valor que tinha.` } });
      } else values.set(name, text); // free text as given: the rule's pendência says what is wrong
    }
  }
  return { values, notes, issues };
}

/**
 * A value of the file as the store would keep it. A birth date is read as a calendar date: one no
 * professional can have (in the future, before 1900, of a minor) is still the main system's value,
 * kept and flagged by its rule pendência as the desk flags the one it holds — so a record exported
 * and loaded back comes back as it was, never with a note that the load could not read its date.
 */
function readValue(field: FieldName, text: string): ReturnType<typeof parseFieldValue> {
  return field === 'birthDate' ? parseCalendarDate(text) : parseFieldValue(field, text);
}

/** The mother fact the row gives, or null when it says nothing about it. */
function motherOf(columns: ColumnMap, cells: readonly string[], existing: Professional | null, base: MainSystemBase | null, notes: FileNote[]): string | null {
  const nameText = columns.cell(cells, 'motherName');
  const flagText = columns.cell(cells, 'motherNotListed');
  let flag: boolean | null = null;
  if (flagText !== '') {
    const parsed = parseFlag(flagText);
    if (parsed.ok) flag = parsed.value;
    else notes.push({ field: MOTHER_FACT_FIELD, pendency: { code: parsed.code, field: 'motherNotListed', message: unrecognised('motherNotListed', 'Não consta mãe', flagText) } });
  }
  let name: string | null = null;
  if (nameText !== '') {
    const parsed = parseFieldValue('motherName', nameText);
    name = parsed.ok ? (parsed.value as string) : nameText;
  }
  if (name !== null && flag === true) {
    // The store never holds both: the name stays, and the clerk checks the document.
    // Said even when the desk keeps its value, or the fact waits in a conflict: the file itself is wrong.
    notes.push({
      field: MOTHER_FACT_FIELD,
      pendency: { code: 'MOTHER_CONFLICT', field: 'motherNotListed', message: MOTHER_BOTH_NOTE },
      notTaken: `O arquivo traz o nome da mãe (“${shorten(name)}”) e também “Não consta mãe”: o sistema do Regional tem os dois. A mesa manteve o seu valor e leu o do arquivo como o nome da mãe. Confira o documento.`,
    });
    return encodeMotherFact({ motherName: name, motherNotListed: false });
  }
  if (flag === true) return encodeMotherFact({ motherName: null, motherNotListed: true });
  if (name !== null) return encodeMotherFact({ motherName: name, motherNotListed: false });
  // "Não consta mãe" = Não without a name: the flag goes off, the name the main system held stays.
  if (flag === false) return encodeMotherFact({ motherName: unstatedMotherName(existing, base), motherNotListed: false });
  return null;
}

/**
 * The file's notes a known record keeps after the merge: those about a value the record now holds,
 * or one the file gave that could not be read at all (the record kept its own), and those that
 * speak of the file itself whatever the record kept, then in their own words.
 */
export function notesAfterMerge(file: FileRow, merge: RowMerge): Pendency[] {
  const kept: Pendency[] = [];
  for (const n of file.notes) {
    if (n.field === null || merge.agreed.has(n.field) || !file.values.has(n.field)) kept.push(n.pendency);
    else if (n.notTaken !== undefined) kept.push({ ...n.pendency, message: n.notTaken });
  }
  return kept;
}

/** The desk's value of a loaded field, as a correction would store it. */
export function deskText(record: Professional, field: string): string | null {
  return field === 'dipStatus' ? record.dipStatus : currentCorrectionText(record, field);
}

function serialize(values: Iterable<[string, string | null]>): string {
  const all = new Map(values);
  const ordered: LoadedValues = {};
  for (const field of LOADED_FIELDS) if (all.has(field)) ordered[field] = all.get(field) ?? null;
  return JSON.stringify(ordered);
}

/** `loaded_values` of the file's values alone (the same text for the same values, to compare cheaply). */
export function serializeLoaded(values: Map<string, string | null>): string {
  return serialize(values);
}

function parseLoaded(text: string | null): LoadedValues | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as LoadedValues) : null;
  } catch {
    return null;
  }
}

const OPEN = "('pending', 'batched', 'sent')";

/** How a correction the main system had taken ended on the desk: Implanta rejected it, or the clerk cancelled it. */
export type GivenUp = { uuid: string; outcome: 'rejected' | 'cancelled' };

/**
 * Corrections still on their way to Implanta, per correction field: the oldest one's old value and
 * the newest one; the corrections the desk gave up after the main system had taken them; and the
 * applied ones whose value the desk shows.
 */
export class InFlight {
  private readonly statement: Statement<[number], { field: string; old_value: string | null; uuid: string }>;
  private readonly newest: Statement<[number, string], { uuid: string; status: string; new_value: string | null }>;
  private readonly keptBefore: Statement<[number, string, string, string | null], { id: number }>;
  private readonly givenUp: Statement<[number, string, number, string], { uuid: string; status: string; new_value: string | null }>;
  private readonly stepWith: Statement<[number, string, string | null], { id: number }>;
  private readonly keptKnowingly: Statement<[number, string, string | null, number, string], { id: number }>;
  /** Records with a correction in flight when the load began (the load adds none); the others are not looked up. */
  private readonly some: Uint8Array;

  constructor(
    private readonly db: Database,
    capacity: number,
  ) {
    this.statement = db.prepare(`SELECT field, old_value, uuid FROM corrections WHERE professional_id = ? AND status IN ${OPEN} ORDER BY id`);
    this.newest = db.prepare('SELECT uuid, status, new_value FROM corrections WHERE professional_id = ? AND field = ? ORDER BY id DESC LIMIT 1');
    // A correction of the field to this value that went, or is going, to Implanta, and that the
    // clerk did not later replace by the main system's own value (a conflict resolved by taking the
    // file's value): past such a choice, the main system going back to it is a change of its own.
    this.stepWith = db.prepare(
      `SELECT c.id FROM corrections c WHERE c.professional_id = ? AND c.field = ? AND c.new_value IS ? AND c.status IN ('pending', 'batched', 'sent', 'synced')
         AND NOT EXISTS (SELECT 1 FROM corrections l WHERE l.professional_id = c.professional_id AND l.field = c.field AND l.id > c.id
                           AND l.source = 'conflict' AND l.status <> 'cancelled' AND l.new_value IS NOT c.new_value)
       LIMIT 1`,
    );
    // The field's rejected or cancelled corrections since the last one Implanta applied, newest first.
    this.givenUp = db.prepare(
      `SELECT uuid, status, new_value FROM corrections WHERE professional_id = ? AND field = ? AND status IN ('rejected', 'cancelled')
         AND id > coalesce((SELECT max(id) FROM corrections WHERE professional_id = ? AND field = ? AND status = 'synced'), 0)
       ORDER BY id DESC`,
    );
    this.keptBefore = db.prepare(
      "SELECT id FROM registry_conflicts WHERE professional_id = ? AND field = ? AND correction_uuid = ? AND file_value IS ? AND resolution = 'kept' LIMIT 1",
    );
    // The clerk kept the desk's value against this file value after the correction was given up (the record's history says in which order).
    this.keptKnowingly = db.prepare(
      `SELECT h.id FROM record_history h
        WHERE h.professional_id = ? AND h.field = ? AND h.kind = 'conflict_kept' AND h.old_value IS ?
          AND h.id > coalesce((SELECT max(g.id) FROM record_history g WHERE g.professional_id = ? AND g.correction_uuid = ? AND g.kind IN ('cancelled', 'rejected')), 0)
        LIMIT 1`,
    );
    this.some = new Uint8Array(capacity);
    for (const row of db.prepare(`SELECT DISTINCT professional_id AS id FROM corrections WHERE status IN ${OPEN}`).iterate() as Iterable<{ id: number }>) {
      if (row.id < capacity) this.some[row.id] = 1;
    }
  }

  of(professionalId: number): Map<string, { old: string | null | undefined; uuid: string }> {
    const found = new Map<string, { old: string | null | undefined; uuid: string }>();
    if (this.some[professionalId] !== 1) return found;
    for (const row of this.statement.all(professionalId)) {
      // Legacy items of the mother fact (two per change) give no base for the fact as a whole.
      const field = correctionFieldOf(row.field);
      const seen = found.get(field);
      if (seen) seen.uuid = row.uuid;
      else found.set(field, { old: field === row.field ? row.old_value : undefined, uuid: row.uuid });
    }
    return found;
  }

  /** Whether the record's DIP status is the one Implanta reported (a load does not take another). */
  dipFromImplanta(professionalId: number): boolean {
    return dipReportedByImplanta(this.db, professionalId);
  }

  /**
   * What the field's newest correction says about a file value that differs from the desk's, when
   * no correction is in flight. It (or an earlier correction given up as well, none applied since)
   * set the file's value and was then rejected by Implanta or cancelled: the main system took a
   * value the desk gave up, before or after the desk gave it up (`outcome`; unless the clerk
   * already kept the desk's value against this very file value). Or Implanta applied it and the desk still shows its value: the file is older than the correction,
   * or the main system changed the field since, and only the clerk can tell (`outcome` null).
   */
  behind(professionalId: number, field: string, desk: string | null, file: string | null): { uuid: string; outcome: GivenUp['outcome'] | null } | null {
    const newest = this.newest.get(professionalId, field);
    if (!newest) return null;
    if (newest.status === 'synced') return newest.new_value === desk ? { uuid: newest.uuid, outcome: null } : null;
    if (newest.status !== 'rejected' && newest.status !== 'cancelled') return null;
    // The file's value may be that of an earlier correction given up too (the clerk corrected again,
    // and that one was rejected as well) — in the main system's own spelling (capitals, no accents).
    const had = this.givenUp.all(professionalId, field, professionalId, field).find((c) => sameBarSpelling(field, c.new_value, file));
    if (!had) return null;
    if (this.keptBefore.get(professionalId, field, had.uuid, file)) return null;
    return { uuid: had.uuid, outcome: had.status as GivenUp['outcome'] };
  }

  /**
   * Whether a file value is the value of one of the desk's own corrections of the field, applied or
   * on its way: a step the clerk took before her newest correction, which the main system caught
   * up with — no third value. Not a value the clerk set aside since by taking the main system's.
   */
  earlierStep(professionalId: number, field: string, file: string | null): boolean {
    return this.stepWith.get(professionalId, field, file) !== undefined;
  }

  /**
   * Whether the desk's value of a field the file leaves at its base is no longer the desk's to keep:
   * the field's newest correction, which had made the desk keep its value against the main
   * system's, was cancelled or rejected since, and the clerk did not keep the desk's value against
   * this file value knowing it. The main system's value then comes in, as with no correction.
   */
  gaveUp(professionalId: number, field: string, file: string | null): boolean {
    const newest = this.newest.get(professionalId, field);
    if (!newest || (newest.status !== 'rejected' && newest.status !== 'cancelled')) return false;
    return this.keptKnowingly.get(professionalId, field, file, professionalId, newest.uuid) === undefined;
  }
}

export interface RowMerge {
  /** Fields whose file value the record takes. */
  take: [string, string | null][];
  /** Fields where the desk keeps its value: the file still has the base. */
  kept: string[];
  /**
   * Third values for fields with a correction in flight or whose value Implanta applied, and the
   * file's values the desk gave up (`outcome`): the desk keeps its value, the clerk chooses.
   */
  conflicts: { field: string; desk: string | null; file: string | null; uuid: string; outcome: GivenUp['outcome'] | null }[];
  /** Fields where the record holds the file's value after the row (taken or already equal). */
  agreed: Set<string>;
  /** The record's `loaded_values` after the row. */
  loaded: string | null;
  /** The file's DIP status, when it differs from the one Implanta reported and the desk kept. */
  dipKept?: Pendency;
}

/** The note a load leaves when the main system's DIP status is not the one Implanta reported. */
function dipKeptNote(existing: Professional, file: string | null): Pendency {
  const since = existing.dipStatusAt ? ` em ${formatDateBr(existing.dipStatusAt)}` : '';
  return {
    code: 'DIP_STATUS_MISMATCH',
    field: null,
    message: `Situação do DIP no sistema do Regional: “${DIP_LABELS[file as DipStatus]}”; a Implanta informou “${DIP_LABELS[existing.dipStatus]}”${since}, e a mesa manteve a da Implanta. Atualize o sistema do Regional.`,
  };
}

/** The three-way merge of one row into a known record. */
export function mergeRow(existing: Professional, loadedText: string | null, values: Map<string, string | null>, inFlight: InFlight): RowMerge {
  const merge: RowMerge = { take: [], kept: [], conflicts: [], agreed: new Set(), loaded: loadedText };
  // Parsed only when a field differs: on a refresh most rows repeat the desk.
  let loaded: LoadedValues | null | undefined;
  let flights: ReturnType<InFlight['of']> | undefined;
  for (const [field, file] of values) {
    const desk = deskText(existing, field);
    if (file === desk) {
      merge.agreed.add(field);
      continue;
    }
    if (field === 'dipStatus' && inFlight.dipFromImplanta(existing.id)) {
      merge.kept.push(field);
      merge.dipKept = dipKeptNote(existing, file);
      continue;
    }
    if (loaded === undefined) loaded = parseLoaded(loadedText);
    flights ??= inFlight.of(existing.id);
    const flight = flights.get(field);
    const base = loaded && Object.hasOwn(loaded, field) ? (loaded[field] ?? null) : flight && flight.old !== undefined ? flight.old : desk;
    const behind = flight ? null : inFlight.behind(existing.id, field, desk, file);
    if (behind?.outcome) merge.conflicts.push({ field, desk, file, uuid: behind.uuid, outcome: behind.outcome });
    else if (file === base && (flight || behind || !inFlight.gaveUp(existing.id, field, file))) merge.kept.push(field);
    // The main system caught up with the desk's correction in its own spelling (capitals, no
    // accents), or with an earlier correction than the newest: no third value; the desk keeps its
    // value, the one that went to Implanta.
    else if ((flight || behind) && (sameBarSpelling(field, file, desk) || inFlight.earlierStep(existing.id, field, file))) merge.kept.push(field);
    else if (flight) merge.conflicts.push({ field, desk, file, uuid: flight.uuid, outcome: null });
    else if (behind) merge.conflicts.push({ field, desk, file, uuid: behind.uuid, outcome: null });
    else {
      merge.take.push([field, file]);
      merge.agreed.add(field);
    }
  }
  const fileText = serializeLoaded(values);
  if (loadedText === null || loadedText === fileText) merge.loaded = fileText;
  else {
    if (loaded === undefined) loaded = parseLoaded(loadedText);
    merge.loaded = serialize([...Object.entries(loaded ?? {}), ...values]);
  }
  return merge;
}
