// The changes of `cress-desk correct`, read from its options: any number of `--set field=value`
// and the older `--field F --value V`, gathered into one set of changes so that they are planned,
// checked and saved together as one correction (an address moved to another UF never leaves a
// mismatched CEP and UF in between).
import { AppError } from '../../shared/errors';
import { FIELD_NAMES, isFieldName } from '../../shared/fields';
import { parseTypedCep } from '../../shared/rules/cep';
import { UsageError } from './types';

/** A field of the catalogue, as `--set`/`--field` name it; any other name is refused naming the option and the fields. */
export function requireFieldName(option: string, field: string): void {
  if (isFieldName(field)) return;
  throw new AppError('FIELD_UNKNOWN', `${option} ${field}: campo desconhecido. Os campos são: ${FIELD_NAMES.join(', ')}.`);
}

/** A CEP on the command line was typed by a person: seven digits are refused, never padded into another CEP. */
function requireTypedCep(option: string, value: string): void {
  if (value.trim() === '') return; // clears the field
  const parsed = parseTypedCep(value);
  if (!parsed.ok) throw new AppError(parsed.code, `${option} cep: ${parsed.message}`, { field: 'cep' });
}

/** `field=value` → [field, value]; the value may itself contain `=` and may be empty (clears the field). */
export function parseSetOption(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--set expects field=value (for example --set email=nome@dominio.com.br), got "${text}"`);
  return [text.slice(0, at).trim(), text.slice(at + 1)];
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Every change the options ask for, each field once. */
export function changesFromOptions(options: { set?: readonly string[]; field?: string; value?: string }): Record<string, string> {
  const pairs = (options.set ?? []).map(parseSetOption);
  for (const [field] of pairs) requireFieldName('--set', field);
  if (options.field !== undefined || options.value !== undefined) {
    if (options.field === undefined || options.value === undefined) throw new UsageError('--field and --value go together');
    requireFieldName('--field', options.field.trim());
    pairs.push([options.field.trim(), options.value]);
  }
  if (pairs.length === 0) throw new UsageError('say what to correct: --set field=value (repeatable) or --field F --value V');
  const changes: Record<string, string> = {};
  pairs.forEach(([field, value], at) => {
    if (Object.hasOwn(changes, field)) throw new UsageError(`${field} is given twice: one value per field`);
    if (field === 'cep') requireTypedCep(at < (options.set ?? []).length ? '--set' : '--field', value);
    changes[field] = value;
  });
  return changes;
}
