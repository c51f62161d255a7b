// One catalogue field as an input fitting its rule: selects for closed vocabularies, masks for
// CEP and dates, plain text otherwise. Label always the catalogue's Portuguese label.
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { EMPTY_VALUE } from '../../shared/display/values';
import { MARITAL_STATUSES, UFS } from '../../shared/domain';
import { FIELDS, type FieldName } from '../../shared/fields';
import { MARITAL_LABELS } from '../../shared/rules/vocabulary';
import { maskCep, maskCpf } from '../lib/masks';
import { DateField } from './DateField';

/** What every field editor of the form takes: its value, its messages, whether the clerk changed it. */
export interface FieldEditorProps {
  value: string;
  onChange(value: string): void;
  onBlur(): void;
  error: string | null;
  hint: string | null;
  changed: boolean;
}

interface Props extends FieldEditorProps {
  field: FieldName;
  disabled?: boolean;
}

export function fieldInputId(field: string): string {
  return `field-${field}`;
}

const MENU_PROPS = { slotProps: { paper: { sx: { maxHeight: 320 } } } };

/** A changed field's background: the clerk sees at a glance what the correction touches. */
export const CHANGED_SX = { '& .MuiOutlinedInput-root': { bgcolor: '#fff8e1' } };

export function FieldInput({ field, value, onChange, onBlur, error, hint, changed, disabled = false }: Props) {
  const spec = FIELDS[field];
  const common = {
    id: fieldInputId(field),
    label: spec.label,
    fullWidth: true,
    disabled,
    onBlur,
    error: error !== null,
    helperText: error ?? hint ?? undefined,
    sx: changed ? CHANGED_SX : undefined,
  };

  switch (spec.rule) {
    case 'uf':
    case 'maritalStatus': {
      const options =
        spec.rule === 'uf'
          ? UFS.map((uf) => ({ value: uf as string, label: uf as string }))
          : MARITAL_STATUSES.map((m) => ({ value: m as string, label: MARITAL_LABELS[m] }));
      return (
        <TextField
          {...common}
          select
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{ select: { displayEmpty: true, onClose: onBlur, MenuProps: MENU_PROPS }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">
            <em>{EMPTY_VALUE}</em>
          </MenuItem>
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      );
    }
    case 'date':
      return <DateField {...common} value={value} onChange={onChange} />;
    case 'cep':
      return (
        <TextField
          {...common}
          value={value}
          placeholder="00000-000"
          onChange={(e) => onChange(maskCep(e.target.value))}
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' }, inputLabel: { shrink: true } }}
        />
      );
    case 'cpf':
    case 'phone':
      return (
        <TextField
          {...common}
          value={value}
          placeholder={spec.rule === 'cpf' ? '000.000.000-00' : '(00) 00000-0000'}
          onChange={(e) => onChange(spec.rule === 'cpf' ? maskCpf(e.target.value) : e.target.value)}
          // No browser maxLength: a phone pasted with more spaces than 20 characters hold would lose its
          // last digit and read as another, valid number; the rule reads the whole text.
          slotProps={{ htmlInput: { inputMode: 'tel', autoComplete: 'off' }, inputLabel: { shrink: true } }}
        />
      );
    default:
      return (
        <TextField
          {...common}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{
            // No browser maxLength: a longer text pasted would lose its end without a word; the
            // field's rule says it is too long instead.
            htmlInput: {
              autoComplete: 'off',
              spellCheck: false,
              inputMode: spec.rule === 'email' ? 'email' : undefined,
            },
          }}
        />
      );
  }
}
