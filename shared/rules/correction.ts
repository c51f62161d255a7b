// Planning a correction before anything is written: what changes, which rules it breaks, what it
// means for the DIP request — the same plan for the form, the command line and the imports.
import type { DipConsequence, DipWarning, Professional, Uf } from '../domain';
import type { ErrorCode } from '../errors';
import { FIELDS, isFieldName, type FieldName, type FieldValue } from '../fields';
import { cepBelongsToUf } from './cep';
import { dipConsequence, dipWarning, DIP_CONSEQUENCE_MESSAGES, DIP_WARNING_MESSAGES } from './dip';
import { parseFieldValue } from './fieldValue';
import { applyMotherRule } from './mother';

export type FieldChanges = Partial<Record<FieldName, FieldValue>>;

export interface PlannedChange {
  field: FieldName;
  oldValue: FieldValue;
  newValue: FieldValue;
}

export interface RuleViolation {
  code: ErrorCode;
  /** The field the clerk must fix (absent for whole-record problems). */
  field?: FieldName;
  message: string;
}

export interface CorrectionPlan {
  changes: PlannedChange[];
  errors: RuleViolation[];
  dipConsequence: DipConsequence;
  dipMessage: string | null;
  /** Something the clerk must tell the professional (e.g. not to confirm the DIP request yet). */
  dipWarning: DipWarning | null;
  dipWarningMessage: string | null;
}

export interface PlanContext {
  /** The UF the council's CEP directory gives this CEP, if the directory has it. */
  directoryUfOf?: (cep: string) => Uf | null;
  /** The values were typed by a person, not read from a spreadsheet (see FieldValueOptions.typed). */
  typed?: boolean;
}

/**
 * Everything a correction must satisfy, computed on the state the record would have afterwards:
 * values normalised per field, the mother rule, the CEP inside the address's UF, the DIP rule.
 * Used by the form for inline validation and by the store as the authority.
 */
export function planCorrection(current: Professional, requested: Record<string, FieldValue>, context: PlanContext = {}): CorrectionPlan {
  const errors: RuleViolation[] = [];
  const parsed: FieldChanges = {};
  for (const [field, raw] of Object.entries(requested)) {
    if (!isFieldName(field)) {
      errors.push({ code: 'FIELD_UNKNOWN', message: `Campo desconhecido: ${field}.` });
      continue;
    }
    const result = parseFieldValue(field, raw, { typed: context.typed === true });
    if (result.ok) parsed[field] = result.value;
    else errors.push({ code: result.code, field, message: result.message });
  }

  const next: Record<string, FieldValue> = { ...(current as unknown as Record<string, FieldValue>) };
  for (const [field, value] of Object.entries(parsed)) next[field] = value;

  // The mother rule applies when the correction touches the mother fact. A record missing both
  // (seed case F) still takes an unrelated fix, such as an e-mail (case D): the missing mother
  // stays a pendência of the record, not a reason to refuse.
  if ('motherName' in parsed || 'motherNotListed' in parsed) {
    const mother = applyMotherRule(current, {
      motherName: 'motherName' in parsed ? (parsed.motherName as string | null) : undefined,
      motherNotListed: 'motherNotListed' in parsed ? (parsed.motherNotListed as boolean) : undefined,
    });
    if (mother.ok) {
      next.motherName = mother.value.motherName;
      next.motherNotListed = mother.value.motherNotListed;
    } else if (!errors.some((e) => e.field === 'motherName' || e.field === 'motherNotListed')) {
      errors.push({ code: mother.code, field: 'motherName', message: mother.message });
    }
  }

  const cep = next.cep as string | null;
  const uf = next.uf as Uf | null;
  if (('cep' in parsed || 'uf' in parsed) && cep && uf && !errors.some((e) => e.field === 'cep')) {
    const inDirectory = context.directoryUfOf?.(cep) === uf;
    if (!inDirectory && !cepBelongsToUf(cep, uf)) {
      errors.push({
        code: 'CEP_UF_MISMATCH',
        field: 'cep',
        message: `CEP ${cep.slice(0, 5)}-${cep.slice(5)} não pertence à UF ${uf}. Confira o CEP e a UF, ou cadastre o CEP em CEPs.`,
      });
    }
  }

  const changes: PlannedChange[] = [];
  for (const field of Object.keys(FIELDS) as FieldName[]) {
    const before = (current as unknown as Record<string, FieldValue>)[field] ?? null;
    const after = next[field] ?? null;
    if (before !== after) changes.push({ field, oldValue: before, newValue: after });
  }

  const identificationChanged = changes.some((c) => FIELDS[c.field].identification);
  const consequence = dipConsequence(current.dipStatus, identificationChanged);
  const warning = dipWarning(current.dipStatus, identificationChanged);
  return {
    changes,
    errors,
    dipConsequence: consequence,
    dipMessage: DIP_CONSEQUENCE_MESSAGES[consequence],
    dipWarning: warning,
    dipWarningMessage: warning ? DIP_WARNING_MESSAGES[warning] : null,
  };
}
