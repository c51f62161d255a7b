// Dates are typed the Brazilian way (dd/mm/aaaa) in every form, with the slashes added as one types.
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { maskDate } from '../lib/masks';
import { COMMON_TEXT } from './common.text';

type Props = Omit<TextFieldProps, 'value' | 'onChange'> & { value: string; onChange(value: string): void };

/** A date typed as dd/mm/aaaa, the slashes added while typing; the label stays up so the hint shows. */
export function DateField({ value, onChange, slotProps, ...rest }: Props) {
  return (
    <TextField
      {...rest}
      value={value}
      onChange={(event) => onChange(maskDate(event.target.value))}
      placeholder={COMMON_TEXT.datePlaceholder}
      slotProps={{ ...slotProps, htmlInput: { inputMode: 'numeric', autoComplete: 'off' }, inputLabel: { shrink: true } }}
    />
  );
}
