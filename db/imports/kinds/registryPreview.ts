// What a row of a registry load shows in the preview, as the corrections import does: whose record
// it is (name and registration) and, for each field the load takes from the file, the value the
// desk holds now → the file's value, in the words and formats of the screens.
import { importTargetLabel } from '../../../shared/contract/imports';
import { EMPTY_VALUE, formatFieldValue } from '../../../shared/display/values';
import type { DipStatus, Professional } from '../../../shared/domain';
import { fieldLabel } from '../../../shared/fields';
import { DIP_LABELS } from '../../../shared/rules/vocabulary';
import { deskText } from './rowMerge';
import type { RowOutcome } from './types';

/** "Ana Paula Ferreira (registro 10001)"; a record without a name yet shows its registration alone. */
export function whoOf(name: string | null | undefined, registration: string): string {
  const shown = (name ?? '').trim();
  return shown === '' ? `Registro ${registration}` : `${shown} (registro ${registration})`;
}

function valueText(field: string, text: string | null): string {
  if (field === 'dipStatus') return text === null || text === '' ? EMPTY_VALUE : (DIP_LABELS[text as DipStatus] ?? text);
  return formatFieldValue(field, text, EMPTY_VALUE);
}

/** One line per field taken from the file: label, the desk's value before the load, the file's. */
export function registryDiff(existing: Professional, take: readonly (readonly [string, string | null])[]): NonNullable<RowOutcome['diff']> {
  return take.map(([field, text]) => ({
    field: field === 'dipStatus' ? importTargetLabel('dipStatus') : fieldLabel(field),
    from: valueText(field, deskText(existing, field)),
    to: valueText(field, text),
  }));
}
